import { Field, NestedField, OptionalField, Position } from './field';

const ROLES = ['admin', 'accountant', 'approver', 'coordinator', 'auditor'];
const USER_ID = '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11';

export class UserResponse {
  @Field('The user', USER_ID) userId: string;
  @Field('Their name', 'Trần Thị Bình') name: string;
  @Field('Their roles', ['accountant'], { type: [String], enum: ROLES, isArray: true }) roles: string[];
  @Field('False once deactivated: their token and sessions no longer work', true) active: boolean;
}

export class UserListResponse {
  @NestedField('Every user, by name', [UserResponse]) users: UserResponse[];
}

export class SignedInUserResponse {
  @Field('The user', USER_ID) userId: string;
  @Field('Their name', 'Trần Thị Bình') name: string;
  @Field('Their roles', ['accountant'], { type: [String], enum: ROLES, isArray: true }) roles: string[];
}

export class UserCreatedResponse extends SignedInUserResponse {
  @OptionalField('The bearer token: an opaque random string shown only in this answer (absent when a retry replays it)', 'ctd_3q7Jk9xZ0mLwP2rT8vB4nY6cF1hD5sG0aE') token?: string;
  @Position() position: number;
}

export class TokenRotatedResponse {
  @Field('The user', USER_ID) userId: string;
  @OptionalField('The new bearer token, shown only in this answer (absent when a retry replays it); the old one stops working at once', 'ctd_8Lp2Wq5Zr7Tx1Vb3Nm9Kc4Hd6Jf0Gs2Ae') token?: string;
  @Position() position: number;
}

export class UserTokenRevokedResponse {
  @Field('The user whose token no longer works', USER_ID) userId: string;
  @Position() position: number;
}

export class UserDeactivatedResponse {
  @Field('The user', USER_ID) userId: string;
  @Field('Always false', false) active: boolean;
  @Position() position: number;
}

export class DeviceSessionResponse {
  @Field('The session\'s public name (never its cookie): DELETE …/sessions/{sessionId} ends it', 'q3Jk9xZ0mLwP') sessionId: string;
  @Field('The browser and system that signed in, from its User-Agent', 'Chrome 131 · Android 14') device: string;
  @Field('When the person signed in on it (UTC)', '2026-10-12T01:15:00.000Z') startedAt: string;
  @Field('When it was last used (UTC): a phone in the field keeps its session for 12 hours without use', '2026-10-12T07:40:00.000Z') lastUsedAt: string;
}

export class DeviceSessionListResponse {
  @NestedField('The user\'s live sessions, the most recently used first', [DeviceSessionResponse]) items: DeviceSessionResponse[];
}
