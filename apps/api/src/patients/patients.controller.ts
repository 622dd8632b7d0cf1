import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, Patient, PatientSummary } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { RegisterPatientDto } from './dto/register-patient.dto';
import { SearchPatientsQuery } from './dto/search-patients.dto';
import { UpdatePatientDto } from './dto/update-patient.dto';
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
  @Allow('readPatients')
  @Get()
  search(@Query() query: SearchPatientsQuery): Promise<Page<PatientSummary>> {
    return this.patients.search(query);
  }

  @ApiOperation({ summary: 'Register a patient', description: '409 DUPLICATE_PATIENT with `matches` when the same name and date of birth exist, unless confirmDuplicate is true.' })
  @ApiConflictResponse({ description: 'DUPLICATE_PATIENT: problem+json with `matches: PatientSummary[]`' })
  @Allow('writePatients')
  @Post()
  @HttpCode(201)
  register(@Body() body: RegisterPatientDto, @CurrentStaff() staff: SignedInStaff): Promise<Patient> {
    return this.patients.register(body, staff.id);
  }

  @ApiOperation({ summary: 'A patient’s demographics (the read is audited)' })
  @Allow('readPatients')
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Patient> {
    return this.patients.get(id, staff.id);
  }

  @ApiOperation({ summary: 'Change demographics, archive (archived: true) or restore (archived: false)', description: 'Carries the version read; stale → 409 VERSION_CONFLICT. Patients are never deleted.' })
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
