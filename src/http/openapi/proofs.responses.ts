import { Field } from './field';

export class PublicKeyResponse {
  @Field('keyHash of the C2SP signed note (SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key)[:4]), hex: the key that signed a checkpoint', 'a1b2c3d4') keyId: string;
  @Field('Always ed25519', 'ed25519', { enum: ['ed25519'] }) algorithm: 'ed25519';
  @Field('The raw 32-byte Ed25519 public key, standard base64', 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=') publicKey: string;
}
