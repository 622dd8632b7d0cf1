import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, Patient, PatientSummary } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { RegisterPatientDto } from './dto/register-patient.dto';
import { SearchPatientsQuery } from './dto/search-patients.dto';
import { UpdatePatientDto } from './dto/update-patient.dto';
import { patientExample, patientSummaryExample, registerPatientExample, updatePatientExample } from './patients.examples';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @ApiOperation({
    summary: 'Search patients',
    description:
      'q: name fragments (accent/case-insensitive, typo-tolerant), clinic number, phone digits in any format, or date of birth. Archived patients only with includeArchived=true. Exact and prefix matches rank first.',
  })
  @ApiResult(200, pageOf('PatientSummary'), pageExample([patientSummaryExample]))
  @ApiProblems(400)
  @Allow('readPatients')
  @Get()
  search(@Query() query: SearchPatientsQuery): Promise<Page<PatientSummary>> {
    return this.patients.search(query);
  }

  @ApiOperation({
    summary: 'Register a patient',
    description: '409 DUPLICATE_PATIENT with `matches` when the same name and date of birth exist, unless confirmDuplicate is true.',
  })
  @ApiBodyExample(RegisterPatientDto, registerPatientExample)
  @ApiResult(201, contract('Patient'), patientExample)
  @ApiProblems(400, {
    code: 'DUPLICATE_PATIENT',
    detail: 'A patient with this name and date of birth is already registered.',
    matches: [patientSummaryExample],
  })
  @Allow('writePatients')
  @Post()
  @HttpCode(201)
  register(@Body() body: RegisterPatientDto, @CurrentStaff() staff: SignedInStaff): Promise<Patient> {
    return this.patients.register(body, staff.id);
  }

  @ApiOperation({ summary: 'A patient’s demographics (the read is audited)' })
  @ApiResult(200, contract('Patient'), patientExample)
  @ApiProblems(404)
  @Allow('readPatients')
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Patient> {
    return this.patients.get(id, staff.id);
  }

  @ApiOperation({
    summary: 'Change demographics, archive (archived: true) or restore (archived: false)',
    description: 'Carries the version read; stale → 409 VERSION_CONFLICT. Patients are never deleted.',
  })
  @ApiBodyExample(UpdatePatientDto, updatePatientExample)
  @ApiResult(200, contract('Patient'), { ...patientExample, version: 2, phone: '07700 900456' })
  @ApiProblems(400, 404, 409)
  @Allow('writePatients')
  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdatePatientDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<Patient> {
    return this.patients.update(id, body, staff.id);
  }
}
