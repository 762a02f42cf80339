import { cssSize } from '../shared/css-size.js';

/** `<span ${barWidth(36.4)}>`: a result bar's width, in percent (also the editors' page's bars). */
export const barWidth = (percent: number) => cssSize('width', `${percent}%`);
