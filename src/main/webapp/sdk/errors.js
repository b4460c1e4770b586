// The SDK's own error names (protocol.md section 11), raised through callbackError(name, message).

/** @enum {string} */
export const SdkError = Object.freeze({
  WebSocketNotSupported: 'WebSocketNotSupported',
  NoActiveConnection: 'NoActiveConnection',
  AbortError: 'AbortError',
  NotAllowedError: 'NotAllowedError',
  NotFoundError: 'NotFoundError',
  OverconstrainedError: 'OverconstrainedError',
  SecurityError: 'SecurityError',
  NotSupportedError: 'NotSupportedError',
  AudioAlreadyActive: 'AudioAlreadyActive',
  VideoAlreadyActive: 'VideoAlreadyActive',
  DeviceInUse: 'Camera or Mic is being used by some other process that does not let read the devices',
  ScreenSharePermissionDenied: 'screen_share_permission_denied',
  NotSetLocalDescription: 'notSetLocalDescription',
  NotSetRemoteDescription: 'notSetRemoteDescription',
});

/** An error the SDK raises, carrying its section 11 name and a sentence for people. */
export class SignalboxError extends Error {
  /**
   * @param {string} name one of {@link SdkError}
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(name, message, cause) {
    super(message, { cause });
    this.name = name;
  }
}

/**
 * Names a getUserMedia failure as section 11 does.
 * @param {any} e the DOMException getUserMedia rejected with
 * @returns {SignalboxError}
 */
export function mediaError(e) {
  const name = e && e.name;
  switch (name) {
    case 'NotReadableError':
    case 'TrackStartError':
      return new SignalboxError(SdkError.DeviceInUse, String(e.message || name), e);
    case 'OverconstrainedError':
      return new SignalboxError(SdkError.OverconstrainedError,
        `no device satisfies the constraint ${e.constraint || '(unnamed)'}`, e);
    case 'AbortError':
    case 'NotAllowedError':
    case 'NotFoundError':
    case 'SecurityError':
    case 'NotSupportedError':
      return new SignalboxError(name, String(e.message || name), e);
    default:
      return new SignalboxError(SdkError.AbortError, String((e && e.message) || e), e);
  }
}
