// GET /api/reporting/statistics-fields as CONTRACT §1 shows it, for the unit tests.
import type { StatisticsFieldTable } from '@/api/reporting'

const media = '活动周媒体报道数'

export const statisticsFieldTable: StatisticsFieldTable = {
  fields: [
    { code: 'schools', label: '参与活动的职业学校（含技工院校）数', group: '', overridable: true, sum: 'add', unit: '所' },
    { code: 'teachers', label: '参与活动的教师数', group: '', overridable: true, sum: 'add', unit: '人', how_counted: '按人计，不按人次', sources_unit: '人次' },
    { code: 'students', label: '参与活动的学生数', group: '', overridable: true, sum: 'add', unit: '人' },
    { code: 'coverage', label: '参与活动的学生覆盖率', group: '', overridable: false, sum: 'ratio', unit: '%', numerator: 'students', denominator: 'enrolled' },
    { code: 'enterprises', label: '参与活动的企业数', group: '', overridable: true, sum: 'add', unit: '家' },
    { code: 'total', label: '参与总人数', group: '', overridable: true, sum: 'add', unit: '人' },
    { code: 'projects', label: '观摩体验活动项目数', group: '', overridable: true, sum: 'add', unit: '个' },
    { code: 'media_provincial', label: '省级及以上媒体报道数', group: media, overridable: true, sum: 'add', unit: '篇' },
    { code: 'media_city', label: '市（州）级媒体报道数', group: media, overridable: true, sum: 'add', unit: '篇' },
    { code: 'media_county', label: '县（区）级媒体报道数', group: media, overridable: true, sum: 'add', unit: '篇' },
  ],
  enrolled: { code: 'enrolled', label: '在校学生数' },
  unit_head: '市（州）/职业学校（含技工院校）',
}
