import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type OrgUnitSuccession as OrgUnitSuccessionView, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateOrgUnitDto, ListOrgUnitsQuery, MergeOrgUnitsDto, MoveOrgUnitDto, SplitOrgUnitDto } from '../dto/org-unit.dto';
import { OrgTreeService, type MergeResult, type SplitResult } from '../services/org-tree.service';
import { OrgUnitsService, toSummary } from '../services/org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(
    private readonly units: OrgUnitsService,
    private readonly tree: OrgTreeService,
  ) {}

  /** Closes the sources on `effectiveOn` and passes their people and open child units to the successor. */
  @Post('merge')
  @HttpCode(200)
  @RequirePermissions(Permission.OrgUnitManage)
  merge(@CurrentPrincipal() principal: Principal, @Body() dto: MergeOrgUnitsDto): Promise<MergeResult> {
    return this.tree.merge(principal, dto);
  }

  /** Closes one unit into several successors; people not listed stay with the closed unit for later. */
  @Post(':id/split')
  @HttpCode(200)
  @RequirePermissions(Permission.OrgUnitManage)
  split(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SplitOrgUnitDto,
  ): Promise<SplitResult> {
    return this.tree.split(principal, id, dto);
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermissions(Permission.OrgUnitManage)
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveOrgUnitDto,
  ): Promise<OrgUnitSummary> {
    return this.tree.move(principal, id, dto.parentId);
  }

  @Get(':id/successions')
  @RequirePermissions(Permission.OrgUnitRead)
  successions(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<OrgUnitSuccessionView[]> {
    return this.units.successions(principal, id);
  }

  @Post()
  @RequirePermissions(Permission.OrgUnitManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitSummary> {
    return toSummary(await this.units.create(principal, dto));
  }

  @Get()
  @RequirePermissions(Permission.OrgUnitRead)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrgUnitsQuery): Promise<OrgUnitSummary[]> {
    return (await this.units.list(principal, query)).map(toSummary);
  }

  @Get(':id')
  @RequirePermissions(Permission.OrgUnitRead)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<OrgUnitSummary> {
    return toSummary(await this.units.getVisible(principal, id));
  }

  @Get(':id/children')
  @RequirePermissions(Permission.OrgUnitRead)
  async children(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListOrgUnitsQuery,
  ): Promise<OrgUnitSummary[]> {
    return (await this.units.children(principal, id, query.includeClosed)).map(toSummary);
  }
}
