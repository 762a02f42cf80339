import { cssText } from '../shared/css-size.js';

/** `<span .style=${barWidth(36.4)}>`: a result bar's width, in percent (also the editors' page's bars). */
export const barWidth = (percent: number) => cssText(`width:${percent}%`);
