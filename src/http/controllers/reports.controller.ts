import { Controller } from '@nestjs/common';

@Controller('v1/funds/:fundId/reports')
export class ReportsController {}
