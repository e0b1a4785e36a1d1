import type { MatchTally } from './match-tally';

/**
 * The prefixes (or suffixes) that rules accept at one path, keyed by their text. A value is
 * looked up once per distinct affix length instead of being compared with every rule's affix,
 * so the cost grows with the number of lengths, not of rules.
 */
export class AffixIndex {
  private readonly slotsByAffix = new Map<string, number[]>();
  private lengths: number[] = [];

  constructor(private readonly end: 'prefix' | 'suffix') {}

  /** Registers `text` for the field slot `slot`. */
  add(text: string, slot: number): void {
    const slots = this.slotsByAffix.get(text);
    if (slots) {
      slots.push(slot);
      return;
    }
    this.slotsByAffix.set(text, [slot]);
    if (!this.lengths.includes(text.length)) {
      this.lengths = [...this.lengths, text.length].sort((a, b) => a - b);
    }
  }

  /** Credits every slot whose affix `value` starts (or ends) with. */
  collect(value: string, tally: MatchTally): void {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] as number;
      if (length > value.length) return;
      // slice(value.length - length), not slice(-length): a zero length must give '', not the whole value.
      const affix = this.end === 'prefix' ? value.slice(0, length) : value.slice(value.length - length);
      const slots = this.slotsByAffix.get(affix);
      if (slots) tally.creditAll(slots);
    }
  }
}
