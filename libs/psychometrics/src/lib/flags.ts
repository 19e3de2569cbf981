/** Review flags for items and distractors: a stable code plus English and Vietnamese text. */
import { OptionStats } from './ctt';

export interface Flag {
  code: string;
  en: string;
  vi: string;
}

export interface FlagThresholds {
  facilityMin: number;
  facilityMax: number;
  itemRestMin: number;
  efficiencyMin: number;
  distractorMin: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = {
  facilityMin: 0.2,
  facilityMax: 0.9,
  itemRestMin: 0.2,
  efficiencyMin: 15,
  distractorMin: 0.05,
};

export function itemFlags(
  s: { facility: number | null; pointBiserialRest: number | null; discriminativeEfficiency: number | null },
  t: FlagThresholds = DEFAULT_THRESHOLDS,
): Flag[] {
  const flags: Flag[] = [];
  if (s.facility !== null && s.facility < t.facilityMin)
    flags.push({ code: 'FACILITY_LOW', en: `Too hard: facility below ${t.facilityMin}`, vi: `Quá khó: độ dễ dưới ${t.facilityMin}` });
  if (s.facility !== null && s.facility > t.facilityMax)
    flags.push({ code: 'FACILITY_HIGH', en: `Too easy: facility above ${t.facilityMax}`, vi: `Quá dễ: độ dễ trên ${t.facilityMax}` });
  const r = s.pointBiserialRest;
  if (r !== null && Number.isFinite(r)) {
    if (r < 0)
      flags.push({
        code: 'NEGATIVE_DISCRIMINATION',
        en: 'Negative discrimination: stronger learners do worse on this item; the key may be wrong',
        vi: 'Độ phân biệt âm: học viên giỏi lại làm sai nhiều hơn; có thể sai đáp án',
      });
    else if (r < t.itemRestMin)
      flags.push({
        code: 'LOW_DISCRIMINATION',
        en: `Low discrimination: item-rest correlation below ${t.itemRestMin}`,
        vi: `Độ phân biệt thấp: tương quan câu hỏi - phần còn lại dưới ${t.itemRestMin}`,
      });
  }
  if (s.discriminativeEfficiency !== null && s.discriminativeEfficiency < t.efficiencyMin)
    flags.push({
      code: 'LOW_EFFICIENCY',
      en: `Discriminative efficiency below ${t.efficiencyMin}%`,
      vi: `Hiệu quả phân biệt dưới ${t.efficiencyMin}%`,
    });
  return flags;
}

export function distractorFlags(option: OptionStats, t: FlagThresholds = DEFAULT_THRESHOLDS): Flag[] {
  if (option.isKey) return [];
  const flags: Flag[] = [];
  if (option.proportion < t.distractorMin)
    flags.push({
      code: 'DISTRACTOR_RARE',
      en: `Distractor ${option.option} chosen by fewer than ${t.distractorMin * 100}% of learners`,
      vi: `Phương án nhiễu ${option.option} được chọn bởi dưới ${t.distractorMin * 100}% học viên`,
    });
  if (option.d > 0)
    flags.push({
      code: 'DISTRACTOR_POSITIVE',
      en: `Distractor ${option.option} attracts more high scorers than low scorers`,
      vi: `Phương án nhiễu ${option.option} thu hút nhóm điểm cao nhiều hơn nhóm điểm thấp`,
    });
  return flags;
}
