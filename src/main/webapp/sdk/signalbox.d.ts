// Types for the Signalbox JavaScript SDK (signalbox.js and its modules).

export declare const SdkError: Readonly<{
  WebSocketNotSupported: 'WebSocketNotSupported';
  NoActiveConnection: 'NoActiveConnection';
  AbortError: 'AbortError';
  NotAllowedError: 'NotAllowedError';
  NotFoundError: 'NotFoundError';
  OverconstrainedError: 'OverconstrainedError';
  SecurityError: 'SecurityError';
  NotSupportedError: 'NotSupportedError';
  AudioAlreadyActive: 'AudioAlreadyActive';
  VideoAlreadyActive: 'VideoAlreadyActive';
  DeviceInUse: 'Camera or Mic is being used by some other process that does not let read the devices';
  ScreenSharePermissionDenied: 'screen_share_permission_denied';
  NotSetLocalDescription: 'notSetLocalDescription';
  NotSetRemoteDescription: 'notSetRemoteDescription';
}>;

/** The server's error definitions (protocol section 3): the `definition` of an error frame or a REST body. */
export declare const ServerError: Readonly<{
  NoStreamNameSpecified: 'noStreamNameSpecified';
  NotAllowedUnregisteredStreams: 'not_allowed_unregistered_streams';
  NoRoomSpecified: 'no_room_specified';
  UnauthorizedAccess: 'unauthorized_access';
  NoEncoderSettings: 'no_encoder_settings';
  NoPeerAssociatedBefore: 'no_peer_associated_before';
  NotSetLocalDescription: 'notSetLocalDescription';
  InvalidMessage: 'invalid_message';
  UnknownCommand: 'unknown_command';
  InvalidStreamName: 'invalidStreamName';
  StreamIdInUse: 'streamIdInUse';
  AlreadyRegistered: 'already_registered';
  AlreadyPublishing: 'already_publishing';
  AlreadyPlaying: 'already_playing';
  NoStreamExist: 'no_stream_exist';
  NoSpaceForNewPeer: 'NoSpaceForNewPeer';
  RoomFull: 'room_full';
  ViewerLimitReached: 'viewerLimitReached';
  MessageTooLarge: 'message_too_large';
  RateLimited: 'rate_limited';
  ServerError: 'server_error';
  MediaServerUnavailable: 'media_server_unavailable';
  MediaServerRequired: 'media_server_required';
  UnsupportedContentType: 'unsupported_content_type';
  EtagMismatch: 'etag_mismatch';
  InvalidHookUrl: 'invalid_hook_url';
  PublishTimeoutError: 'publishTimeoutError';
  RoomNotActiveOrExpired: 'room_not_active_or_expired';
  UnsupportedRecordType: 'unsupported_record_type';
  AlreadyRecording: 'already_recording';
  NotRecording: 'not_recording';
  InsufficientStorage: 'insufficient_storage';
  NoVodExist: 'no_vod_exist';
  NodeDraining: 'node_draining';
  PushNotificationsNotConfigured: 'push_notifications_not_configured';
  NotPublisher: 'not_publisher';
}>;

/** An SDK error name (protocol section 11) or a server error definition (section 3). */
export type ErrorName = (typeof SdkError)[keyof typeof SdkError] | (typeof ServerError)[keyof typeof ServerError] | string;

export declare class SignalboxError extends Error {
  constructor(name: ErrorName, message: string, cause?: unknown);
}

export interface SignalboxOptions {
  /** ws:// or wss:// address of /websocket; defaults to this page's server. */
  url?: string;
  /** Sent as the token field of publish, play, join and joinRoom. */
  token?: string;
  mediaConstraints?: MediaStreamConstraints;
  /** STUN and TURN servers; when absent, the server's (getIceServerConfig, asked on connect). */
  iceServers?: RTCIceServer[];
  /** 'relay' uses TURN alone (default 'all'). */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Shows the local camera. */
  localVideo?: HTMLVideoElement;
  /** Every notification and event: info is its definition or name (joined, publish_started, newStreamAvailable, ...). */
  callback?: (info: string, object: any) => void;
  /** Every failure: SDK errors with a sentence, server errors with the whole error frame. */
  callbackError?: (error: ErrorName, message: string | object) => void;
  /** Milliseconds between pings (default 20000). */
  pingMillis?: number;
  /** Reconnect after a dropped socket and ask for everything again (default true). */
  reconnect?: boolean;
  backoffMillis?: number;
  maxBackoffMillis?: number;
}

export interface StreamEventDetail { streamId: string; stream: MediaStream }
export interface ErrorEventDetail { error: ErrorName; message: string | object }
export interface StateEventDetail {
  connection?: 'open' | 'closed';
  reconnected?: boolean;
  willReconnect?: boolean;
  code?: number;
  streamId?: string;
  subscriberId?: string;
  peer?: RTCPeerConnectionState;
}

export declare class Signalbox extends EventTarget {
  constructor(options?: SignalboxOptions);
  connect(): Promise<void>;
  openLocalMedia(): Promise<MediaStream>;
  join(streamId: string, options?: { mode?: 'both' | 'play'; token?: string }): Promise<void>;
  leave(streamId: string): void;
  publish(streamId: string, options?: { streamName?: string; mainTrack?: string; token?: string }): Promise<void>;
  play(streamId: string, options?: { token?: string; room?: string }): void;
  stop(streamId: string): void;
  /** Asks for one rung of a played stream's ladder by its height (0: automatic); answered by resolutionChangeInfo. */
  forceStreamQuality(streamId: string, streamHeight: number): void;
  /** Asks for a stream's ladder; answered by the streamInformation callback. */
  getStreamInfo(streamId: string): void;
  /** Asks how many play a stream; answered by the subscriberCount callback ({streamId, count}). */
  getSubscriberCount(streamId: string): void;
  joinRoom(room: string, streamId?: string): Promise<void>;
  leaveFromRoom(room: string): void;
  turnOnLocalCamera(): void;
  turnOffLocalCamera(): void;
  unmuteLocalMic(): void;
  muteLocalMic(): void;
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  close(): void;
  addEventListener(type: 'stream', listener: (e: CustomEvent<StreamEventDetail>) => void): void;
  addEventListener(type: 'error', listener: (e: CustomEvent<ErrorEventDetail>) => void): void;
  addEventListener(type: 'state', listener: (e: CustomEvent<StateEventDetail>) => void): void;
  addEventListener(type: 'notification', listener: (e: CustomEvent<any>) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}
