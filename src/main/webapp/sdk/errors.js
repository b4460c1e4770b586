// @ts-check
// The SDK's own error names (protocol.md section 11), raised through callbackError(name, message),
// and the server's (section 3), which error frames carry.

/** @type {typeof import('./signalbox').SdkError} as signalbox.d.ts declares it (checked by the build) */
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

/**
 * The server's error definitions (protocol.md section 3), as the `definition` of an error frame
 * or a REST body carries them: compare with these, not with literals. Kept equal to the server's
 * catalogue by ErrorCatalogueTest, and to signalbox.d.ts by the build (tsc).
 * @type {typeof import('./signalbox').ServerError}
 */
export const ServerError = Object.freeze({
  NoStreamNameSpecified: 'noStreamNameSpecified',
  NotAllowedUnregisteredStreams: 'not_allowed_unregistered_streams',
  NoRoomSpecified: 'no_room_specified',
  UnauthorizedAccess: 'unauthorized_access',
  NoEncoderSettings: 'no_encoder_settings',
  NoPeerAssociatedBefore: 'no_peer_associated_before',
  NotSetLocalDescription: 'notSetLocalDescription',
  InvalidMessage: 'invalid_message',
  UnknownCommand: 'unknown_command',
  InvalidStreamName: 'invalidStreamName',
  StreamIdInUse: 'streamIdInUse',
  AlreadyRegistered: 'already_registered',
  AlreadyPublishing: 'already_publishing',
  AlreadyPlaying: 'already_playing',
  NoStreamExist: 'no_stream_exist',
  NoSpaceForNewPeer: 'NoSpaceForNewPeer',
  RoomFull: 'room_full',
  ViewerLimitReached: 'viewerLimitReached',
  MessageTooLarge: 'message_too_large',
  RateLimited: 'rate_limited',
  ServerError: 'server_error',
  MediaServerUnavailable: 'media_server_unavailable',
  MediaServerRequired: 'media_server_required',
  UnsupportedContentType: 'unsupported_content_type',
  EtagMismatch: 'etag_mismatch',
  InvalidHookUrl: 'invalid_hook_url',
  PublishTimeoutError: 'publishTimeoutError',
  RoomNotActiveOrExpired: 'room_not_active_or_expired',
  UnsupportedRecordType: 'unsupported_record_type',
  AlreadyRecording: 'already_recording',
  NotRecording: 'not_recording',
  InsufficientStorage: 'insufficient_storage',
  NoVodExist: 'no_vod_exist',
  NodeDraining: 'node_draining',
  PushNotificationsNotConfigured: 'push_notifications_not_configured',
  NotPublisher: 'not_publisher',
});

/**
 * An error the SDK raises, carrying its section 11 name and a sentence for people; or, when a
 * promise of the SDK is rejected because the server refused, the server's definition (section 3)
 * as its name and {@link definition}, and the whole error frame as {@link frame}.
 */
export class SignalboxError extends Error {
  /**
   * @param {string} name one of {@link SdkError}, or a server definition ({@link ServerError})
   * @param {string} message
   * @param {unknown} [cause]
   * @param {any} [frame] the server's error frame, when the server refused
   */
  constructor(name, message, cause, frame) {
    super(message, { cause });
    this.name = name;
    /** The name, as the server's error frames and the callbacks call it. */
    this.definition = name;
    /** The server's error frame ({command:'error', definition, message, streamId?, room?}), or undefined. */
    this.frame = frame;
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
