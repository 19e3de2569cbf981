import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ResetPasswordDto } from '../dto/auth.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, ListUsersQuery, MoveUserDto } from '../dto/user.dto';
import { UsersService, type UserView } from '../services/users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermissions(Permission.UserManage)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(principal, dto);
  }

  /** A temporary password to change at the next sign-in; every session of the user ends. */
  @Post(':id/reset-password')
  @HttpCode(204)
  @RequirePermissions(Permission.UserManage)
  async resetPassword(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    await this.users.resetPassword(principal, id, dto.newPassword);
  }

  /** To another open unit inside the caller's scope (e.g. people a split left with the closed unit). */
  @Post(':id/move')
  @HttpCode(200)
  @RequirePermissions(Permission.UserManage)
  move(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MoveUserDto): Promise<UserView> {
    return this.users.move(principal, id, dto.orgUnitId);
  }

  @Get()
  @RequirePermissions(Permission.UserRead)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUsersQuery): Promise<UserView[]> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @RequirePermissions(Permission.UserRead)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(principal, id);
  }
}
