/**
 * The district's towns and sub-districts (镇/街道), offered as a select list wherever a town is
 * chosen. TOWNS replaces the list (names separated by commas or 、) when the district's
 * administrative map changes; applicants' own records keep whatever town they were opened with.
 */
import { ConfigError } from './config-error';

export const DEFAULT_TOWNS: readonly string[] = [
  '黄羊镇',
  '武南镇',
  '清源镇',
  '永昌镇',
  '双城镇',
  '丰乐镇',
  '高坝镇',
  '金羊镇',
  '和平镇',
  '羊下坝镇',
  '中坝镇',
  '永丰镇',
  '古城镇',
  '张义镇',
  '发放镇',
  '西营镇',
  '四坝镇',
  '洪祥镇',
  '谢河镇',
  '金沙镇',
  '松树镇',
  '怀安镇',
  '下双镇',
  '清水镇',
  '河东镇',
  '五和镇',
  '长城镇',
  '吴家井镇',
  '金河镇',
  '韩佐镇',
  '大柳镇',
  '柏树镇',
  '金塔镇',
  '九墩镇',
];

/** TOWNS: "黄羊镇,武南镇" or "黄羊镇、武南镇"; unset or blank: the default list. */
export function parseTowns(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_TOWNS];
  const towns = text
    .split(/[,，、]/)
    .map((town) => town.trim())
    .filter((town) => town !== '');
  if (towns.length === 0) throw new ConfigError('TOWNS', 'must name at least one town');
  const tooLong = towns.find((town) => town.length > 32);
  if (tooLong) throw new ConfigError('TOWNS', `"${tooLong}" is longer than 32 characters`);
  return [...new Set(towns)];
}
