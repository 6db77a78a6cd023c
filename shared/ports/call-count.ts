/**
 * Counts the requests a listing makes (one per page, a failed one included), so that an audit can
 * report its cost in calls next to the pagination minimum.
 */
export interface CallCount {
  calls: number;
}
