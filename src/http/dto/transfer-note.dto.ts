import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { DELIVERY_RECEIPT_FORMAT } from '../../domain/spending/delivery-receipt';
import { TRANSFER_NOTE_FORMAT } from '../../domain/spending/transfer-note';
import { IsDecimalString } from './validators';

const nullableText = (description: string, example: string | null) =>
  ApiProperty({ description, example, type: String, nullable: true });

/**
 * A signed transfer note (api-v2 "Between chapters"): what `GET …/transfers/:transferId/note` gives
 * and `POST …/transfers/import-note` takes, unchanged. The signature covers the canonical JSON
 * (RFC 8785) of every other member, so no member may be added, dropped or changed.
 */
export class TransferNoteDto {
  @ApiProperty({ description: 'The note\'s format', example: TRANSFER_NOTE_FORMAT, enum: [TRANSFER_NOTE_FORMAT] })
  @IsIn([TRANSFER_NOTE_FORMAT])
  format: typeof TRANSFER_NOTE_FORMAT;

  @ApiProperty({ description: 'The sending ledger\'s name (its checkpoint origin)', example: 'ctd-xa-an-phu.example.vn/ledger' })
  @IsString() @MinLength(1) @MaxLength(2000)
  ledger: string;

  @ApiProperty({ description: 'The keyId of the sending ledger\'s key, as its GET /v1/public/keys names it', example: 'a1b2c3d4' })
  @Matches(/^[0-9a-f]{8}$/, { message: 'keyId must be 8 lowercase hex digits' })
  keyId: string;

  @ApiProperty({ description: 'The sending fund', example: 'ctd-xa-an-phu' })
  @IsString() @MinLength(1) @MaxLength(2000)
  fromFundId: string;

  @ApiProperty({ description: 'The sending chapter', example: 'Hội Chữ thập đỏ xã An Phú' })
  @IsString() @MinLength(1) @MaxLength(2000)
  fromChapter: string;

  @ApiProperty({ description: 'The transfer, as the sending ledger numbers it', example: 'TR-ctd-xa-an-phu-000001' })
  @IsString() @MinLength(1) @MaxLength(2000)
  transferId: string;

  @ApiProperty({ description: 'The receiving fund (of the ledger importing the note)', example: 'ctd-tinh' })
  @IsString() @MinLength(1) @MaxLength(2000)
  toFundId: string;

  @ApiProperty({ description: 'The amount, VND, a decimal string', example: '20000000' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ description: 'Always VND', example: 'VND', enum: ['VND'] })
  @IsIn(['VND'])
  currency: 'VND';

  @ApiProperty({ description: 'The component it left and enters', example: 'general' })
  @IsString() @MinLength(1) @MaxLength(2000)
  component: string;

  @nullableText('The campaign it belongs to', 'bao-yagi-2024')
  @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(2000)
  campaignId: string | null;

  @nullableText('The sender\'s restricted pool it left (`campaign:<id>` or a designated donation); null when unrestricted', 'campaign:bao-yagi-2024')
  @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(2000)
  restrictionId: string | null;

  @nullableText('The restriction\'s purpose, which the receiver keeps', 'Khắc phục hậu quả bão Yagi')
  @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(2000)
  restrictionPurpose: string | null;

  @nullableText('The one person or body a designated gift may be paid to', null)
  @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(2000)
  restrictionBeneficiary: string | null;

  @ApiProperty({ description: 'What the transfer is for', example: 'Chuyển tiền ủng hộ bão Yagi lên Hội cấp tỉnh' })
  @IsString() @MinLength(1) @MaxLength(2000)
  purpose: string;

  @ApiProperty({ description: 'The transfer\'s business date at the sender', example: '2024-09-20T09:00:00+07:00' })
  @IsString() @MinLength(1) @MaxLength(2000)
  businessDate: string;

  @ApiProperty({ description: 'The log position of the transfer\'s request in the sending ledger', example: 1234, type: Number })
  @IsInt() @Min(1)
  position: number;

  @ApiProperty({ description: 'base64 of the Ed25519 signature, by the key keyId names, over the canonical JSON (RFC 8785) of every other member', example: 'q7Zr1hQ0…' })
  @IsString() @MinLength(1) @MaxLength(200)
  signature: string;
}

export class RegisterTrustedKeyRequestDto {
  @ApiProperty({ description: 'The key\'s keyId, as the sending ledger\'s GET /v1/public/keys names it', example: 'a1b2c3d4' })
  @Matches(/^[0-9a-f]{8}$/, { message: 'keyId must be 8 lowercase hex digits' })
  keyId: string;

  @ApiProperty({ description: 'The raw 32-byte Ed25519 public key, standard base64, as GET /v1/public/keys gives it', example: 'Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=' })
  @IsString() @MinLength(44) @MaxLength(44)
  publicKey: string;

  @ApiProperty({ description: 'The chapter whose ledger signs with it', example: 'Hội Chữ thập đỏ xã An Phú' })
  @IsString() @MinLength(1) @MaxLength(200)
  chapter: string;
}

/**
 * A signed delivery receipt (README "Transfers to another installation"): what the receiving ledger
 * gives on importing a note (`GET …/transfers/incoming/:transferId/receipt`) and the sending fund
 * posts unchanged to `POST …/transfers/:transferId/delivered`. The signature covers the canonical
 * JSON (RFC 8785) of every other member.
 */
export class DeliveryReceiptDto {
  @ApiProperty({ description: 'The receipt\'s format', example: DELIVERY_RECEIPT_FORMAT, enum: [DELIVERY_RECEIPT_FORMAT] })
  @IsIn([DELIVERY_RECEIPT_FORMAT])
  format: typeof DELIVERY_RECEIPT_FORMAT;

  @ApiProperty({ description: 'The receiving ledger\'s name (its checkpoint origin)', example: 'ctd-tinh.example.vn/ledger' })
  @IsString() @MinLength(1) @MaxLength(2000)
  ledger: string;

  @ApiProperty({ description: 'The keyId of the receiving ledger\'s key, as its GET /v1/public/keys names it', example: 'b2c3d4e5' })
  @Matches(/^[0-9a-f]{8}$/, { message: 'keyId must be 8 lowercase hex digits' })
  keyId: string;

  @ApiProperty({ description: 'The fund that booked the note', example: 'ctd-tinh' })
  @IsString() @MinLength(1) @MaxLength(2000)
  toFundId: string;

  @ApiProperty({ description: 'Its chapter', example: 'Hội Chữ thập đỏ tỉnh' })
  @IsString() @MinLength(1) @MaxLength(2000)
  toChapter: string;

  @ApiProperty({ description: 'The transfer, as the sending ledger numbers it', example: 'TR-ctd-xa-an-phu-000001' })
  @IsString() @MinLength(1) @MaxLength(2000)
  transferId: string;

  @ApiProperty({ description: 'The sending ledger\'s name, as the note named it', example: 'ctd-xa-an-phu.example.vn/ledger' })
  @IsString() @MinLength(1) @MaxLength(2000)
  fromLedger: string;

  @ApiProperty({ description: 'The sending fund', example: 'ctd-xa-an-phu' })
  @IsString() @MinLength(1) @MaxLength(2000)
  fromFundId: string;

  @ApiProperty({ description: 'The amount booked, VND, a decimal string', example: '20000000' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ description: 'Always VND', example: 'VND', enum: ['VND'] })
  @IsIn(['VND'])
  currency: 'VND';

  @ApiProperty({ description: 'The business date of the booking at the receiver', example: '2024-09-21T09:00:00+07:00' })
  @IsString() @MinLength(1) @MaxLength(2000)
  businessDate: string;

  @ApiProperty({ description: 'The log position of the booking in the receiving ledger', example: 4321, type: Number })
  @IsInt() @Min(1)
  position: number;

  @ApiProperty({ description: 'base64 of the Ed25519 signature, by the key keyId names, over the canonical JSON (RFC 8785) of every other member', example: 'q7Zr1hQ0…' })
  @IsString() @MinLength(1) @MaxLength(200)
  signature: string;
}
