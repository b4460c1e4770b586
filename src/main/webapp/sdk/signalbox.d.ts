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

/** The server's error frame (protocol section 2). */
export interface ErrorFrame {
  command: 'error';
  error: string;
  definition: string;
  message: string;
  streamId?: string;
  room?: string;
}

/** A notification (protocol section 2): what the promises of join, publish, play and joinRoom resolve with. */
export interface NotificationFrame {
  command: 'notification';
  definition: string;
  streamId?: string;
  streamName?: string;
  room?: string;
  streams?: string[];
  streamList?: { streamId: string; streamName?: string; metaData?: string }[];
  [field: string]: any;
}

/**
 * An SDK error (its section 11 name), or, when a promise is rejected because the server refused,
 * the server's definition with its whole error frame.
 */
export declare class SignalboxError extends Error {
  constructor(name: ErrorName, message: string, cause?: unknown, frame?: ErrorFrame);
  /** The name, as the callbacks and the server's frames call it. */
  definition: ErrorName;
  /** The server's error frame, when the server refused. */
  frame?: ErrorFrame;
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

/** A listener of one of the client's events. */
type Listener<T> = (e: CustomEvent<T>) => void;

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

/** One peer connection the client holds: to the other peer, a viewer, or the media server. */
export interface PeerLinkView {
  readonly streamId: string;
  /** The viewer it feeds, on a publisher's side of a mesh broadcast. */
  readonly subscriberId?: string;
  readonly pc: RTCPeerConnection;
}

export declare class Signalbox extends EventTarget {
  constructor(options?: SignalboxOptions);
  /** The options given; token may be changed, and is then sent with the next commands. */
  options: SignalboxOptions;
  /** What the client does with each stream it publishes, plays or joins, until it stops or leaves. */
  readonly roles: ReadonlyMap<string, 'p2p' | 'publish' | 'play'>;
  /** Its peer connections, by stream id (and `streamId/subscriberId` for a publisher's viewers). */
  readonly links: ReadonlyMap<string, PeerLinkView>;
  /** The signaling socket. */
  readonly connection: { readonly isOpen: boolean };
  connect(): Promise<void>;
  openLocalMedia(): Promise<MediaStream>;
  /** Resolves with the joined notification; rejects with the server's refusal. */
  join(streamId: string, options?: { mode?: 'both' | 'play'; token?: string }): Promise<NotificationFrame>;
  leave(streamId: string): void;
  /** Resolves with the publish_started notification; rejects with the server's refusal. */
  publish(streamId: string, options?: { streamName?: string; mainTrack?: string; metaData?: string; token?: string }): Promise<NotificationFrame>;
  /** Resolves with the play_started notification; rejects with the server's refusal. */
  play(streamId: string, options?: { token?: string; room?: string }): Promise<NotificationFrame>;
  /** Stops publishing or playing; a promise still waiting for its answer rejects with AbortError. */
  stop(streamId: string): void;
  /** The publisher turns its video on or off for everybody (videoToggled). */
  toggleVideo(streamId: string, trackId: string, enabled: boolean): void;
  /** The publisher turns its audio on or off for everybody (audioToggled). */
  toggleAudio(streamId: string, trackId: string, enabled: boolean): void;
  /** Replaces a published stream's metadata (streamMetaDataUpdated). */
  updateStreamMetaData(streamId: string, metaData: string): void;
  /** Answered by the broadcastObject callback. */
  getBroadcastObject(streamId: string): void;
  /** Answered by the roomInformation callback. */
  getRoomInfo(room: string, streamId?: string): void;
  /** Sends any JSON to the other side of a stream, where it arrives as the peerMessageCommand callback. */
  peerMessage(streamId: string, definition: string, data: any): void;
  /** Asks for one rung of a played stream's ladder by its height (0: automatic); answered by resolutionChangeInfo. */
  forceStreamQuality(streamId: string, streamHeight: number): void;
  /** Asks for a stream's ladder; answered by the streamInformation callback. */
  getStreamInfo(streamId: string): void;
  /** Asks how many play a stream; answered by the subscriberCount callback ({streamId, count}). */
  getSubscriberCount(streamId: string): void;
  /** Resolves with the joinedTheRoom notification; rejects with the server's refusal. */
  joinRoom(room: string, streamId?: string, options?: { streamName?: string; metadata?: string; token?: string }): Promise<NotificationFrame>;
  leaveFromRoom(room: string): void;
  turnOnLocalCamera(): void;
  turnOffLocalCamera(): void;
  unmuteLocalMic(): void;
  muteLocalMic(): void;
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  close(): void;
  addEventListener(type: 'stream', listener: Listener<StreamEventDetail>): void;
  addEventListener(type: 'error', listener: Listener<ErrorEventDetail>): void;
  addEventListener(type: 'state', listener: Listener<StateEventDetail>): void;
  addEventListener(type: 'notification', listener: Listener<NotificationFrame>): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}
