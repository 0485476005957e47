// An intrusive doubly linked list: the nodes carry their own links, so moving one to the end is O(1)
// and allocates nothing. Keeps things in order of last activity (head = least recent): the parser's
// records open for folding, the correlator's open timelines.

export interface Linked<T> {
  prev: T | null;
  next: T | null;
}

export class LinkedList<T extends Linked<T>> {
  head: T | null = null;
  tail: T | null = null;

  append(o: T): void {
    o.prev = this.tail;
    o.next = null;
    if (this.tail !== null) this.tail.next = o;
    else this.head = o;
    this.tail = o;
  }

  unlink(o: T): void {
    if (o.prev !== null) o.prev.next = o.next;
    else this.head = o.next;
    if (o.next !== null) o.next.prev = o.prev;
    else this.tail = o.prev;
    o.prev = o.next = null;
  }
}
