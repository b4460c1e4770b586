package io.signalbox.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Debian Chromium driven by Playwright, with a fake camera and microphone unless a test
 * asks for a browser without them. One per test class; close it after the class.
 */
public final class Browsers implements AutoCloseable {
    /** Where the tests keep screenshots of the demo pages (a build artifact). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final List<String> BASE_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    /**
     * How long a page waits for a condition before failing: 20 s, or, for pages whose media goes
     * through Janus, 60 s, as several Chromiums, Janus and Liberty share two cores in CI and an
     * answer that takes 20 s there is slow, not lost. A wait still ends the moment its condition holds.
     */
    private final long pageTimeoutMillis;

    private Browsers(List<String> extraFlags, long pageTimeoutMillis) {
        this.pageTimeoutMillis = pageTimeoutMillis;
        List<String> flags = new ArrayList<>(BASE_FLAGS);
        flags.addAll(extraFlags);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .setArgs(flags));
    }

    /** A browser whose pages get a fake camera and microphone without a permission prompt. */
    public static Browsers withFakeMedia() {
        return new Browsers(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"),
                SignalingClient.TIMEOUT.toMillis() * 2);
    }

    /**
     * A browser with fake media whose ICE candidates are real addresses (no mDNS names), so its
     * media reaches a Janus in a test's network namespace over the veth pair.
     */
    public static Browsers forMediaServer() {
        return new Browsers(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--disable-features=WebRtcHideLocalIpsWithMdns"), 60_000);
    }

    /** A browser with these extra Chromium flags only (for example no devices at all). */
    public static Browsers withFlags(String... flags) {
        return new Browsers(List.of(flags), SignalingClient.TIMEOUT.toMillis() * 2);
    }

    /** A page in its own context (its own cookies and permissions), at {@code path} of the server. */
    public Page open(String path) {
        return open(path, List.of());
    }

    /** A page whose context is granted these permissions (such as {@code camera}) up front. */
    public Page open(String path, List<String> permissions) {
        var context = browser.newContext();
        if (!permissions.isEmpty()) {
            context.grantPermissions(permissions, new com.microsoft.playwright.BrowserContext.GrantPermissionsOptions()
                    .setOrigin(Server.http("").toString()));
        }
        Page page = context.newPage();
        page.setDefaultTimeout(pageTimeoutMillis);
        page.navigate(Server.http(path).toString());
        return page;
    }

    /** A page in its own context at {@code path} of another server, on {@code port} of this host. */
    public Page openAt(int port, String path) {
        Page page = browser.newContext().newPage();
        page.setDefaultTimeout(pageTimeoutMillis);
        page.navigate("http://localhost:" + port + path);
        return page;
    }

    /**
     * A publish page publishing {@code streamId} and {@code viewers} play pages playing it; returns
     * the publisher first, once every viewer decodes its video.
     */
    public Page[] broadcast(String streamId, int viewers) {
        Page[] pages = new Page[viewers + 1];
        pages[0] = open("/demo/publish.html?streamId=" + streamId);
        awaitConnected(pages[0]);
        pages[0].click("#publish");
        pages[0].waitForFunction("() => window.demo.events.includes('publish_started')");
        for (int i = 1; i <= viewers; i++) {
            pages[i] = open("/demo/play.html?streamId=" + streamId);
            awaitConnected(pages[i]);
            pages[i].click("#play");
        }
        for (int i = 1; i <= viewers; i++) {
            awaitRemoteVideos(pages[i], 1);
        }
        return pages;
    }

    /** Waits until the demo page's signaling connection is open and its buttons are wired. */
    public static void awaitConnected(Page page) {
        page.waitForFunction("() => document.getElementById('state').textContent.includes('open') && window.demo.ready === true");
    }

    /** Waits until the page shows a remote video that is really decoding frames. */
    public static void awaitRemoteVideos(Page page, int count) {
        page.waitForFunction("n => [...document.querySelectorAll('#remotes video')]"
                + ".filter(v => v.videoWidth > 0 && v.srcObject && v.srcObject.getVideoTracks().some(t => t.readyState === 'live'))"
                + ".length >= n", count);
    }

    /**
     * Waits until a demo page's grid shows {@code count} remote tiles, each captioned with its
     * stream's name (its id when the server knows no name) and live figures (data coming in, a
     * frame size), and its own tile with data going up.
     */
    public static void awaitTileFigures(Page page, int count) {
        String figures = "n => { const tiles = [...document.querySelectorAll('#remotes figure.tile')];"
                + " const live = tiles.filter(t => t.querySelector('b').textContent === (window.demo.names[t.dataset.stream] || t.dataset.stream)"
                + "   && /^↓ [1-9][0-9]* kb\\/s · [1-9][0-9]*×[1-9][0-9]*$/.test(t.querySelector('.figures').textContent));"
                + " return tiles.length === n && live.length === n"
                + "   && /^↑ [1-9][0-9]* kb\\/s · [1-9][0-9]*×[1-9][0-9]* · /.test(document.querySelector('.tile.own .figures').textContent); }";
        try {
            page.waitForFunction(figures, count, new Page.WaitForFunctionOptions().setTimeout(20_000));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("tiles: " + page.evaluate("() => [...document.querySelectorAll('figure.tile')]"
                    + ".map(t => t.querySelector('figcaption').textContent)"), e);
        }
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
