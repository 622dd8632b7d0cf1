import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MedicalHistory } from '@venule/api-contract';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract } from '../platform/openapi/api-docs';
import { PutMedicalHistoryDto } from './dto/put-medical-history.dto';
import { MedicalHistoryService } from './medical-history.service';
import { medicalHistoryExample, putMedicalHistoryExample } from './medical-history.examples';

@ApiTags('medical history')
@Controller('patients/:id/medical-history')
export class MedicalHistoryController {
  constructor(private readonly histories: MedicalHistoryService) {}

  @ApiOperation({ summary: 'The patient’s medical history (audited read)', description: '404 NOT_FOUND when none has been recorded yet.' })
  @Allow('readClinical')
  @ApiResult(200, contract('MedicalHistory'), medicalHistoryExample)
  @ApiProblems(404)
  @Get()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff): Promise<MedicalHistory> {
    return this.histories.get(id, staff.id);
  }

  @ApiOperation({
    summary: 'Record or replace the medical history',
    description:
      'Replaces the whole history. The first PUT (no version) creates it: 201. A later PUT carries the version read: 200; stale or missing → 409 VERSION_CONFLICT. Each relative condition needs a note in acknowledgements (400 naming acknowledgements.<code>).',
  })
  @Allow('writeClinical')
  @ApiBodyExample(PutMedicalHistoryDto, putMedicalHistoryExample)
  @ApiResult(201, contract('MedicalHistory'), medicalHistoryExample, { description: 'The first history was recorded' })
  @ApiResult(200, contract('MedicalHistory'), { ...medicalHistoryExample, version: 2 }, { description: 'The history was replaced' })
  @ApiProblems(400, 404, 409)
  @Put()
  async put(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PutMedicalHistoryDto,
    @CurrentStaff() staff: SignedInStaff,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MedicalHistory> {
    const { history, created } = await this.histories.put(id, body, staff.id);
    void reply.status(created ? 201 : 200);
    return history;
  }
}
