import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './controllers/audit.controller';
import { AuthController } from './controllers/auth.controller';
import { ImportsController } from './controllers/imports.controller';
import { NotificationsController } from './controllers/notifications.controller';
import { OrgUnitsController } from './controllers/org-units.controller';
import { UsersController } from './controllers/users.controller';
import { IDENTITY_ENTITIES } from './entities';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { BootstrapService } from './services/bootstrap.service';
import { CadreImportService } from './services/cadre-import.service';
import { LoginRateLimiter } from './services/login-rate-limiter';
import { NotificationsService } from './services/notifications.service';
import { OrgUnitImportService } from './services/org-unit-import.service';
import { OrgTreeService } from './services/org-tree.service';
import { OrgUnitSuccessions } from './services/org-unit-successions';
import { OrgUnitsService } from './services/org-units.service';
import { PasswordHasher } from './services/password-hasher';
import { SessionsService } from './services/sessions.service';
import { UsersService } from './services/users.service';

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  controllers: [AuditController, AuthController, ImportsController, NotificationsController, OrgUnitsController, UsersController],
  providers: [AuditService, AuthService, CadreImportService, OrgUnitImportService, LoginRateLimiter, NotificationsService, OrgTreeService, OrgUnitSuccessions, BootstrapService, OrgUnitsService, PasswordHasher, SessionsService, UsersService],
  exports: [AuditService, AuthService, CadreImportService, LoginRateLimiter, NotificationsService, OrgTreeService, OrgUnitSuccessions, BootstrapService, OrgUnitsService, SessionsService, UsersService],
})
export class IdentityModule {}
