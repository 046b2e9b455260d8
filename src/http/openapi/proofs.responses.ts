import { Field, NestedField } from './field';
import { PublicDonationResponse } from './public.responses';

export class PublicKeyResponse {
  @Field('keyHash of the C2SP signed note (SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key)[:4]), hex: the key that signed a checkpoint', 'a1b2c3d4') keyId: string;
  @Field('Always ed25519', 'ed25519', { enum: ['ed25519'] }) algorithm: 'ed25519';
  @Field('The raw 32-byte Ed25519 public key, standard base64', 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=') publicKey: string;
}

const NOTE_EXAMPLE = 'quy.chuthapdo.example.vn/ledger\n4096\nq7Zr1hQ0S0v8zH1K1J0fQk8lP9z8t3oQ2Qf3mV7mY1c=\ntime 2026-05-01T08:00:10.000Z\n\n'
  + '\u2014 quy.chuthapdo.example.vn/ledger oQ3kL1b2…\n';
const HEX_EXAMPLE = '9f2c4e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e';

export class CheckpointResponse {
  @Field('The log this checkpoint is of (the C2SP origin line and signed-note key name)', 'quy.chuthapdo.example.vn/ledger') origin: string;
  @Field('How many events the signed tree holds', 4096) treeSize: number;
  @Field('The RFC 9162 root of the tree, standard padded base64 (as in the note)', 'q7Zr1hQ0S0v8zH1K1J0fQk8lP9z8t3oQ2Qf3mV7mY1c=') rootHash: string;
  @Field('When the ledger signed it (recording time, RFC 3339)', '2026-05-01T08:00:10.000Z') timestamp: string;
  @Field('keyHash of the signing key (SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key)[:4]), hex', 'a1b2c3d4') keyId: string;
  @Field('The 64-byte Ed25519 signature of the note\'s body, standard base64', 'oQ3kL1b2…') signature: string;
  @Field('The C2SP signed note: origin, size, root, `time` line, blank line, signature line. Verify this, not the fields beside it', NOTE_EXAMPLE) note: string;
}

export class InclusionProofResponse {
  @Field('The 0-based index of the leaf: the event\'s place in journal order', 41) leafIndex: number;
  @Field('The size of the tree the path leads to the root of', 4096) treeSize: number;
  @Field('SHA-256(0x00 ‖ leaf), the leaf being the UTF-8 bytes of the event\'s hex hash; hex', HEX_EXAMPLE) leafHash: string;
  @Field('The RFC 9162 audit path, from the leaf\'s sibling up; hex', [HEX_EXAMPLE], { type: [String] }) auditPath: string[];
}

export class ConsistencyProofResponse {
  @Field('The size of the older tree', 1024) from: number;
  @Field('The size of the newer tree', 4096) to: number;
  @Field('The RFC 9162 consistency proof; hex (empty when the sizes are equal or from is 0)', [HEX_EXAMPLE], { type: [String] }) path: string[];
}

export class PublicReversalResponse {
  @Field('The reversal that took the donation back', 'RV-000012') reversalId: string;
  @Field('Its business date, as recorded (ISO 8601 with offset)', '2024-09-13T10:00:00+07:00') reversedAt: string;
  @Field('The log position of the DonationReversed event: its inclusion is proven like any event\'s', 57) position: number;
}

export class DonationProofResponse {
  @NestedField('The donation as the public search shows it', PublicDonationResponse) donation: PublicDonationResponse;
  @NestedField('The reversal that took it back (the public search no longer shows it); null while the gift stands. The reason is not published',
    PublicReversalResponse, { nullable: true }) reversal: PublicReversalResponse | null;
  @Field('The log position of the DonationRecorded event', 42) position: number;
  @Field('The event\'s hash (lowercase hex): its UTF-8 bytes are the leaf', HEX_EXAMPLE) eventHash: string;
  @NestedField('The event\'s inclusion proof in the tree of the checkpoint', InclusionProofResponse) proof: InclusionProofResponse;
  @NestedField('The latest signed checkpoint, which the proof leads to', CheckpointResponse) checkpoint: CheckpointResponse;
}
