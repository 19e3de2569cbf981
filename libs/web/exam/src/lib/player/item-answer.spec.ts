import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { provideJournal } from '../../test-fixtures';
import type { AttemptItem } from '../data/exam.models';
import { ItemAnswer } from './item-answer';

const options = [
  { id: 'a', text: 'Một' },
  { id: 'b', text: 'Hai' },
  { id: 'c', text: 'Ba' },
];

describe('ItemAnswer', () => {
  let fixture: ComponentFixture<ItemAnswer>;
  let emitted: unknown[];
  let root: HTMLElement;

  const show = (type: AttemptItem['type'], answer?: unknown) => {
    fixture = TestBed.createComponent(ItemAnswer);
    fixture.componentRef.setInput('item', { itemId: 'i1', type, stem: 'Câu hỏi', options: type === 'true_false' ? [] : options, points: 1 });
    fixture.componentRef.setInput('answer', answer);
    emitted = [];
    fixture.componentInstance.changed.subscribe((v) => emitted.push(v));
    fixture.detectChanges();
    root = fixture.nativeElement as HTMLElement;
  };
  const input = (selector: string) => root.querySelector<HTMLInputElement>(selector) as HTMLInputElement;
  const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    el.value = value;
    el.dispatchEvent(new Event('input'));
  };

  beforeEach(async () => {
    await setupTestBed({ user: LEARNER, providers: [provideJournal()] });
  });

  it('single choice answers the option id', () => {
    show('single_choice');
    input('input[value="c"]').click();
    expect(emitted).toEqual(['c']);
  });

  it('multiple response answers the chosen ids in the shown order', () => {
    show('multiple_response', ['c']);
    input('input[value="a"]').click();
    input('input[value="c"]').click();
    expect(emitted).toEqual([['a', 'c'], []]);
  });

  it('true/false answers a boolean', () => {
    show('true_false', true);
    expect(input('input[value="true"]').checked).toBe(true);
    input('input[value="false"]').click();
    expect(emitted).toEqual([false]);
  });

  it('short answer, numeric and essay answer the text', () => {
    for (const t of ['short_answer', 'numeric', 'essay'] as const) {
      show(t, 'cũ');
      const field = query(root).byId('exam-text') as HTMLInputElement;
      expect(field.value).toBe('cũ');
      type(field, '3,5');
      expect(emitted).toEqual(['3,5']);
    }
  });

  it('matching answers { optionId: match }, leaving out what is cleared', () => {
    show('matching', { a: 'x' });
    const fields = query(root).allById('exam-match-input') as HTMLInputElement[];
    expect(fields.map((f) => f.value)).toEqual(['x', '', '']);
    type(fields[1], 'y');
    expect(emitted.at(-1)).toEqual({ a: 'x', b: 'y' });
    type(fields[0], ' ');
    expect(emitted.at(-1)).toEqual({});
  });

  it('matching picks each match from the server’s list when there is one', () => {
    fixture = TestBed.createComponent(ItemAnswer);
    fixture.componentRef.setInput('item', { itemId: 'i1', type: 'matching', stem: 'Ghép', options, points: 1 });
    fixture.componentRef.setInput('answer', { b: 'Giúp việc' });
    fixture.componentRef.setInput('choices', ['Đứng đầu', 'Giúp việc']);
    emitted = [];
    fixture.componentInstance.changed.subscribe((v) => emitted.push(v));
    fixture.detectChanges();
    root = fixture.nativeElement as HTMLElement;
    const selects = query(root).allById('exam-match-select') as HTMLSelectElement[];
    expect(selects).toHaveLength(3);
    expect(query(root).byId('exam-match-input')).toBeNull();
    expect(selects.map((s) => s.value)).toEqual(['', 'Giúp việc', '']);
    selects[0].value = 'Đứng đầu';
    selects[0].dispatchEvent(new Event('change'));
    expect(emitted).toEqual([{ a: 'Đứng đầu', b: 'Giúp việc' }]);
  });

  it('ordering answers the ids in order, moved with buttons, or kept as shown', () => {
    show('ordering');
    query(root).byId('exam-order-keep')?.click();
    expect(emitted).toEqual([['a', 'b', 'c']]);
    show('ordering', ['b', 'a', 'c']);
    expect(query(root).allById('exam-order-row').map((r) => r.getAttribute('data-option-id'))).toEqual(['b', 'a', 'c']);
    expect(query(root).byId('exam-order-keep')).toBeNull();
    query(root).allById('exam-order-up')[2].click();
    expect(emitted).toEqual([['b', 'c', 'a']]);
    expect((query(root).allById('exam-order-up')[0] as HTMLButtonElement).disabled).toBe(true);
  });
});
