/** Fixes for the Chinese text tesseract reads: punctuation and the 公开0x表 mark. */
/** Tesseract writes ASCII brackets and colons inside Chinese text, where print has full-width ones. */
export function cjkPunctuation(s: string): string {
  // an ordinal read as a mark (二、 as ！、), in a name or alone in its box: no ordinal is better
  // than a wrong one
  s = s.replace(/^[^\u3400-\u9fff\p{L}\p{N}（(【[]、(?=[\u3400-\u9fff]|$)/u, '');
  // 下 read as F at the head of a wrapped bracket's last line (以 | F）)
  s = s.replace(/^F(?=[）)]$)/, '下');
  if (!/[\u3400-\u9fff]/.test(s)) return s;
  // specks read as punctuation at the edges of a heading or name (“。商品和服务支出”, “决算数。。”),
  // and a lone quote at an edge
  s = s.replace(/^[。，、·.]+/, '');
  // a list ordinal's point read as a colon (1.一般公共预算 as 1：一般公共预算): no name opens with a number and a colon
  s = s.replace(/^(\d{1,2})[:：](?=[\u3400-\u9fff])/, '$1.');
  // 下 read as F between Chinese print (20万以F): no name prints a lone capital there
  s = s.replace(/(?<=[\u3400-\u9fff])F(?=[\u3400-\u9fff）)]|$)/g, '下');
  if (/^[^。]{1,8}。+$/.test(s)) s = s.replace(/。+$/, '');
  if ((s.match(/[“”″"]/g) ?? []).length % 2 === 1) s = s.replace(/^[“”″"]|[“”″"]$/, '');
  // quotes in pairs, as printed: “三公”
  let open = true;
  s = s.replace(/[“”″"]/g, () => {
    open = !open;
    return open ? '”' : '“';
  });
  return (
    s
      // a full-width bracket's wide side-bearing read as a second bracket: （〈室）; or as an angle: 〈室）
      .replace(/([（(])\s*[〈<]/g, '$1')
      .replace(/[〉>]\s*([）)])/g, '$1')
      .replace(/[〈<]([^〈〉<>（）()]{1,8}[）)])/g, '（$1')
      // 1 read as a bracket or bar in a numbered name: 第]项, 第1]项
      .replace(/第(\d*)[\]|lI](\d*)(?=[项款类条])/g, '第$11$2')
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
      .replace(/:/g, '：')
      .replace(/,/g, '，')
      .replace(/(单位|部门|名称)[;；]/g, '$1：')
  );
}

/**
 * The 公开0x表 mark with one character misread around its number ("公开2?表", "公开09胡"): the
 * number is what locating needs, and the mark has no other reading.
 */
export function repairMarks(s: string): string {
  return s.replace(/公开\s*[^\d\s表]?\s*(\d{1,2})\s*(?:[^\d\s表]\s*表|[^\d\s表]|表)/g, '公开$1表');
}
