import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClinicInfo, ClinicSettings } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract } from '../platform/openapi/api-docs';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsService } from './settings.service';
import { clinicInfoExample, clinicSettingsExample, updateSettingsExample } from './settings.examples';

@ApiTags('settings')
@Controller()
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Allow('manageStaff')
  @ApiOperation({ summary: 'Every clinic setting (SPEC *setting*s), the clinic’s identity and each clinician’s working days.' })
  @ApiResult(200, contract('ClinicSettings'), clinicSettingsExample)
  @Get('settings')
  get(): Promise<ClinicSettings> {
    return this.settings.get();
  }

  @Allow('manageStaff')
  @ApiOperation({
    summary:
      'Save the settings whole, with the `version` read. 400 VALIDATION_FAILED naming each field (a deposit above the fee, a day ' +
      'closing before it opens); 409 VERSION_CONFLICT when someone saved first. Audited with each value before and after.',
  })
  @ApiBodyExample(UpdateSettingsDto, updateSettingsExample)
  @ApiResult(200, contract('ClinicSettings'), { ...clinicSettingsExample, version: 4, namedDoctorFeePence: 6000 })
  @ApiProblems(400, 409)
  @Put('settings')
  update(@Body() body: UpdateSettingsDto, @CurrentStaff() staff: SignedInStaff): Promise<ClinicSettings> {
    return this.settings.update(body, staff.id);
  }

  @Allow('signedIn')
  @ApiOperation({
    summary: 'The clinic’s name, address, phone and out-of-hours number, as printed for patients, and its opening hours (null until set).',
  })
  @ApiResult(200, contract('ClinicInfo'), clinicInfoExample)
  @Get('clinic')
  clinic(): Promise<ClinicInfo> {
    return this.settings.clinic();
  }
}
