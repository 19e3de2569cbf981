import { Directive, ElementRef, inject, type AfterViewInit } from '@angular/core';

/** Moves the keyboard focus to the element when it appears (a confirmation's button). */
@Directive({ selector: '[bdFocusOnShow]' })
export class FocusOnShow implements AfterViewInit {
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef);

  ngAfterViewInit(): void {
    this.element.nativeElement.focus();
  }
}
