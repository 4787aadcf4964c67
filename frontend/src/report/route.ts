/** /track and /report/track show the tracking page; every other path of this entry the complaint form. */
export const isTrackPath = (path: string) => /^\/(report\/)?track\/?$/.test(path);
