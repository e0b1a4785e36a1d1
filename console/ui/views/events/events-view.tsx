import { Page } from '../../components/page';
import { PublishEventForm } from './publish-event-form';
import { ReplayForm } from './replay-form';

/** Put a test event on the bus, or replay the archive. */
export function EventsView() {
  return (
    <Page title="Events">
      <PublishEventForm />
      <ReplayForm />
    </Page>
  );
}
