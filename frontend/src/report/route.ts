/** /track and /report/track show the tracking page; every other path of this entry the complaint form. */
export const isTrackPath = (path: string) => /^\/(report\/)?track\/?$/.test(path);
/** /report/rate: 营商环境我来评. */
export const isRatePath = (path: string) => /^\/report\/rate\/?$/.test(path);
/** /report/league: the public league table (晾晒). */
export const isLeaguePath = (path: string) => /^\/report\/league\/?$/.test(path);
