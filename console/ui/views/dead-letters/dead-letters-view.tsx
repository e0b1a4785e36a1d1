import { Page } from '../../components/page';
import { useConfig } from '../../hooks/config-context';
import { DeadLetterChannel } from './dead-letter-channel';

/** Each channel's dead-letter queue: what failed for good, and a way to send it back. */
export function DeadLettersView() {
  const { channels } = useConfig();
  return (
    <Page title="Dead letters">
      {channels.length === 0 ? <p class="muted">This stack has no channels.</p> : null}
      {channels.map((channel) => (
        <DeadLetterChannel key={channel.name} channel={channel.name} kind={channel.kind} />
      ))}
    </Page>
  );
}
