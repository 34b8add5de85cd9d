/** How far (seconds) a follower may drift from the leader while playing before it is moved back. */
export const DRIFT_TOLERANCE = 0.15;

/**
 * Plays several `<video>`s as one: play, pause, seek and rate on any of them reach the others, and
 * while they play the followers are kept within `DRIFT_TOLERANCE` of the leader (the video the user
 * last played, paused or seeked). Every change is applied only where a video differs, so a change
 * made here does not echo back.
 */
export class VideoSync {
  #videos: HTMLVideoElement[] = [];
  #leader: HTMLVideoElement | null = null;
  /** Videos this class is seeking: their `seeking` is not the user choosing a new leader. */
  #moving = new WeakSet<HTMLVideoElement>();
  /** Play and pause events this class caused and has yet to receive: they are not passed on again. */
  #caused = new WeakMap<HTMLVideoElement, { play: number; pause: number }>();

  /** Keep these videos together (the same list again is cheap; an empty list lets go). */
  link(videos: HTMLVideoElement[]): void {
    if (videos.length === this.#videos.length && videos.every((v, i) => v === this.#videos[i])) return;
    this.unlink();
    this.#videos = videos;
    this.#leader = videos[0] ?? null;
    for (const video of videos) {
      for (const [type, handler] of this.#handlers) video.addEventListener(type, handler);
    }
  }

  unlink(): void {
    for (const video of this.#videos) {
      for (const [type, handler] of this.#handlers) video.removeEventListener(type, handler);
    }
    this.#videos = [];
    this.#leader = null;
  }

  get videos(): readonly HTMLVideoElement[] {
    return this.#videos;
  }

  get paused(): boolean {
    return this.#videos.every((v) => v.paused);
  }

  /** Play every video from the leader's time. */
  play(): void {
    const leader = this.#leader;
    if (!leader) return;
    this.#follow(leader);
    for (const video of this.#videos) if (video.paused) this.#play(video);
  }

  pause(): void {
    for (const video of this.#videos) if (!video.paused) this.#pause(video);
  }

  /** Move every video to `time` seconds. */
  seek(time: number): void {
    const leader = this.#leader;
    if (!leader) return;
    leader.currentTime = time;
    this.#follow(leader);
  }

  #play(video: HTMLVideoElement): void {
    this.#count(video).play++;
    video.play().catch(() => {
      // Refused (not allowed, or interrupted by a pause): no play event comes.
      const count = this.#count(video);
      if (video.paused && count.play > 0) count.play--;
    });
  }

  #pause(video: HTMLVideoElement): void {
    this.#count(video).pause++;
    video.pause();
  }

  #count(video: HTMLVideoElement): { play: number; pause: number } {
    let count = this.#caused.get(video);
    if (!count) this.#caused.set(video, (count = { play: 0, pause: 0 }));
    return count;
  }

  /** Whether this event is one this class caused (then it is used up). */
  #echo(video: HTMLVideoElement, type: 'play' | 'pause'): boolean {
    const count = this.#count(video);
    if (count[type] === 0) return false;
    count[type]--;
    return true;
  }

  #others(video: HTMLVideoElement): HTMLVideoElement[] {
    return this.#videos.filter((v) => v !== video);
  }

  #follow(leader: HTMLVideoElement, tolerance = 0.05): void {
    for (const video of this.#others(leader)) {
      if (video.readyState === 0) continue;
      const target = Math.min(leader.currentTime, Number.isFinite(video.duration) ? video.duration : Infinity);
      if (Math.abs(video.currentTime - target) > tolerance) {
        this.#moving.add(video);
        video.currentTime = target;
      }
      if (video.playbackRate !== leader.playbackRate) video.playbackRate = leader.playbackRate;
    }
  }

  #onPlay = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    // Events are queued: one that no longer holds (paused since) must not restart the others.
    if (this.#echo(video, 'play') || video.paused) return;
    this.#leader = video;
    this.#follow(video);
    for (const other of this.#others(video)) if (other.paused && !other.ended) this.#play(other);
  };

  #onPause = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    // A video that reached its end pauses by itself: the longer one plays on.
    if (this.#echo(video, 'pause') || video.ended || !video.paused) return;
    for (const other of this.#others(video)) if (!other.paused) this.#pause(other);
  };

  #onSeeking = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    if (this.#moving.has(video)) return;
    this.#leader = video;
  };

  #onSeeked = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    if (this.#moving.delete(video)) return;
    this.#follow(video);
  };

  #onTimeUpdate = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    if (video !== this.#leader || video.paused || this.#videos.some((v) => v.seeking)) return;
    this.#follow(video, DRIFT_TOLERANCE);
  };

  #onRateChange = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    for (const other of this.#others(video))
      if (other.playbackRate !== video.playbackRate) other.playbackRate = video.playbackRate;
  };

  #onMetadata = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    const leader = this.#leader;
    if (leader && leader !== video && leader.readyState > 0) {
      this.#follow(leader);
      if (!leader.paused && video.paused) this.#play(video);
    }
  };

  #handlers: [string, (event: Event) => void][] = [
    ['play', this.#onPlay],
    ['pause', this.#onPause],
    ['seeking', this.#onSeeking],
    ['seeked', this.#onSeeked],
    ['timeupdate', this.#onTimeUpdate],
    ['ratechange', this.#onRateChange],
    ['loadedmetadata', this.#onMetadata],
  ];
}
