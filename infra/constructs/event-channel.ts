import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { PropProblems } from './prop-problems';

export interface EventChannelProps {
  /** @default - a name CloudFormation generates */
  readonly busName?: string;
  /** How long archived events stay replayable (1 day or more). @default Duration.days(90) */
  readonly archiveRetention?: Duration;
}

/**
 * The publish-subscribe channel: a custom EventBridge bus whose every event is archived, so any
 * window of history can be replayed to the rules.
 */
export class EventChannel extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;

  constructor(scope: Construct, id: string, props: EventChannelProps = {}) {
    super(scope, id);
    const retention = props.archiveRetention ?? Duration.days(90);
    const days = retention.toDays({ integral: false });
    const problems = new PropProblems('EventChannel');
    if (days < 1 || !Number.isInteger(days)) {
      problems.add(
        `archiveRetention must be a whole number of days, at least 1 (given ${retention.toHumanString()})`,
      );
    }
    problems.throwIfAny();
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    this.archive = this.bus.archive('Archive', {
      description: 'Every event on the Switchyard bus, for replay',
      eventPattern: { account: [Stack.of(this).account] },
      retention,
    });
  }
}
