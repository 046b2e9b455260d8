import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalText } from './validators';

/** Lengths here only bound the work; the password rule (10–200 characters) is checked where a password is set. */
export class SignInRequestDto {
  @ApiProperty({ example: 'Trần Thị Bình', description: 'The user\'s name' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'một câu đủ dài để nhớ', description: 'Their password; five failures per name in 15 minutes are 429 RATE_LIMITED' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}

export class SetPasswordRequestDto {
  @ApiProperty({ description: '10–200 characters', example: 'một câu đủ dài để nhớ' })
  @IsString()
  @MaxLength(1000)
  password: string;

  @ApiPropertyOptional({ description: 'Required when a user changes their own password', example: 'mật khẩu cũ đủ dài' })
  @OptionalText(1000)
  currentPassword?: string;
}

export class SetupRequestDto {
  @ApiProperty({ description: 'The one-time code after # in the start-up banner\'s setup link', example: 'q7Jk9xZ0mLwP2rT8' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code: string;

  @ApiProperty({ description: '10–200 characters', example: 'một câu đủ dài để nhớ' })
  @IsString()
  @MaxLength(1000)
  password: string;
}
