/** Pure statistics for analytics and experiments; every random step takes an injected `random`. */
export { seededRandom } from './rng';
export { median, mean, sampleSd, quantileSorted, finite } from './describe';
export { bootstrapInterval, bootstrapDifference, bootstrapPair, resample, type Interval, type BootstrapOptions } from './bootstrap';
export { permutationTest, type Alternative } from './permutation';
export { lift, MIN_GROUP_POSTS, type Lift } from './lift';
export { probabilityBest, expectedLoss, posterior, betaDraw, gammaDraw, type ArmCounts } from './bayes';
export { sampleRatioCheck, SRM_ALPHA } from './srm';
export { heatmap, recommendTimes, slotLabel, MIN_CELL_POSTS, MIN_TOTAL_POSTS, type HeatPost, type HeatCell, type RecommendedTime } from './heatmap';
export { experimentVerdict, armLabel, DEFAULT_ALPHA, DEFAULT_LOSS_THRESHOLD, type ArmData, type Verdict, type VerdictOptions } from './verdict';
