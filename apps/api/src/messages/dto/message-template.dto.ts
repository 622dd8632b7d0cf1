import { ApiProperty } from '@nestjs/swagger';
import type { PreviewMessageTemplateRequest, ResetMessageTemplateRequest, UpdateMessageTemplateRequest } from '@venule/api-contract';
import { IsDefined, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

const VERSION = 'must be the whole-number version of the template you read (0 for the built-in words)';

/** Handlebars source of one part; its placeholders are checked by the service against the template's. */
const Words = (max: number, example: string) => (target: object, property: string) => {
  ApiProperty({ example, maxLength: max })(target, property);
  IsDefined({ message: 'is required' })(target, property);
  IsString({ message: 'must be text' })(target, property);
  MinLength(1, { message: 'must not be empty' })(target, property);
  MaxLength(max, { message: `must be at most ${max} characters` })(target, property);
};

const Version = () => (target: object, property: string) => {
  ApiProperty({ example: 2, minimum: 0 })(target, property);
  IsInt({ message: VERSION })(target, property);
  Min(0, { message: VERSION })(target, property);
  Max(2_147_483_647, { message: VERSION })(target, property);
};

export class PreviewMessageTemplateDto implements PreviewMessageTemplateRequest {
  @Words(300, 'Your visit to {{clinicName}} on {{when}}') subject!: string;
  @Words(20_000, 'Hello {{firstName}},\n\nSee you on {{when}}.\n') text!: string;
  @Words(20_000, '<p>Hello {{firstName}},</p><p>See you on {{when}}.</p>') html!: string;
}

export class UpdateMessageTemplateDto extends PreviewMessageTemplateDto implements UpdateMessageTemplateRequest {
  @Version() version!: number;
}

export class ResetMessageTemplateDto implements ResetMessageTemplateRequest {
  @Version() version!: number;
}
