/** The money units disclosures print their tables in (单位：万元 / 单位：元). */
export type Unit = '万元' | '元';
