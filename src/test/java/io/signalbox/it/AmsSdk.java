package io.signalbox.it;

import java.io.IOException;
import java.net.URI;

/** Ant Media's own browser SDK, {@code @antmedia/webrtc_adaptor} 2.16.2, from the npm registry. */
final class AmsSdk {
    static final String VERSION = "2.16.2";
    private static final NpmTarball PACKAGE = new NpmTarball(
            URI.create("https://registry.npmjs.org/@antmedia/webrtc_adaptor/-/webrtc_adaptor-" + VERSION + ".tgz"),
            "sha512-5BWmm/ZDSvgIm7npC/H5kLFqOKYhQYOnBfBFBUC7q7BuiVT5AXCiXxknpEE8oVuA4op5cMFUX8fDfunSa3PUgw==");

    private AmsSdk() {
    }

    /** The UMD bundle that defines {@code window.webrtc_adaptor.WebRTCAdaptor}. */
    static String browserBundle() throws IOException, InterruptedException {
        return PACKAGE.file("package/dist/browser/webrtc_adaptor.js");
    }
}
