import { CurrentPrincipal, type Principal } from '@boiduong/api-core';
import type { NotificationPage, NotificationUnreadCount } from '@boiduong/shared-contracts';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from '../dto/notification.dto';
import { NotificationsService } from '../services/notifications.service';

/** The caller's own notifications: any signed-in person, whatever their roles. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.page(principal.userId, query);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentPrincipal() principal: Principal): Promise<NotificationUnreadCount> {
    return this.notifications.markAllRead(principal.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationUnreadCount> {
    return this.notifications.markRead(principal.userId, id);
  }
}
