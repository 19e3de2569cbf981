import type { LoginRequest, RefreshRequest } from '@boiduong/shared-contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin', description: 'Username or email' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  username!: string;

  @ApiProperty({ example: '••••••••••' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(512)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  newPassword!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10, description: 'A temporary password the user must change at the next sign-in' })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  newPassword!: string;
}
