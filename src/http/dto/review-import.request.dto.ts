import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsTimestampWithOffset, RequiredText } from './validators';

/** The body of POST /v1/funds/:fundId/imports/reviewed: the import, as the imports list names it, and what was done. */
export class ReviewImportRequestDto {
  @ApiProperty({ example: '2026-05-12T02:31:00.000Z', description: 'The import\'s importedAt, as the imports list gives it' })
  @IsTimestampWithOffset()
  importedAt: string;

  @ApiProperty({ example: '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b', description: 'The import\'s fileSha256, as the imports list gives it' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'fileSha256 must be 64 lowercase hex digits' })
  fileSha256: string;

  @ApiProperty({ example: 'Đã sửa dòng 8 và nhập lại sao kê', description: 'What was done about its rejected lines and warnings (not blank)' })
  @RequiredText(2000)
  note: string;
}
