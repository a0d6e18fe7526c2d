import { pullContacts } from "./functions/pull-contacts";
import { pushLeads } from "./functions/push-leads";
import { resyncLeads } from "./functions/resync-leads";
import { schedulePulls } from "./functions/schedule-pulls";
import { sweepPendingPushes } from "./functions/sweep-pending-pushes";
import { scheduleOwnerSyncs, syncOwners } from "./functions/sync-owners";

export const functions = [pushLeads, sweepPendingPushes, pullContacts, schedulePulls, syncOwners, scheduleOwnerSyncs, resyncLeads];
