;; Byte scanning for the request trace's fast path (src/input/byte-scan.ts), in WebAssembly SIMD:
;; the build compiles this file to byte-scan.wasm (scripts/build.mjs, with wabt).
;;
;; The bytes are read straight into this module's memory (no copy), and one pass replaces three of
;; Node's Buffer.indexOf: `find` looks for two needles at once, 64 bytes a step, with the classic
;; first-byte / last-byte filter (a needle can start at i only if byte i is its first byte and byte
;; i + len - 1 its last; only the rare steps where the filter fires are checked byte by byte), and
;; counts the newlines of the bytes it goes over. `count` counts newlines alone, 16 bytes a step.
;; 1 GiB request trace, 2026-11-22 (profile): the three indexOf (id, instance uuid, newlines) and their
;; loops took ~0.50 s; `find` and `count` as two passes 0.52 s; `find` counting as it goes 0.35 s.
;; `find1` is `find` for one needle (the trace looks for its request id alone until it learns the
;; instance): the builds with and without it run in turn, 8 runs each, 0.63 → 0.57 s median.
;;
;; Memory: bytes 64–319 hold the two needles, each as a 32-bit length then its bytes (at most 124);
;; read buffers start at 64 KiB. The memory is shared so that growing it never detaches the Buffers
;; already made over it.
(module
  (import "env" "memory" (memory 1 16384 shared))
  ;; after `find` returned -1: the number of newlines in [from, end) (it counts them as it goes)
  (global $lines (export "lines") (mut i32) (i32.const 0))

  ;; whether [a, a + len) and [b, b + len) hold the same bytes
  (func $same (param $a i32) (param $b i32) (param $len i32) (result i32)
    (block $differ
      (loop $byte
        (if (i32.eqz (local.get $len)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $byte)))
    (i32.const 0))

  ;; the first bit of `mask` (bit i: position p + i) where the needle at `needle` lies wholly before
  ;; `end` and matches, as a position; or -1
  (func $verify (param $p i32) (param $end i32) (param $mask i64) (param $needle i32) (result i32)
    (local $at i32) (local $len i32)
    (local.set $len (i32.load (local.get $needle)))
    (block $none
      (loop $candidate
        (br_if $none (i64.eqz (local.get $mask)))
        (local.set $at (i32.add (local.get $p) (i32.wrap_i64 (i64.ctz (local.get $mask)))))
        (if (i32.le_u (i32.add (local.get $at) (local.get $len)) (local.get $end))
          (then (if (call $same (local.get $at) (i32.add (local.get $needle) (i32.const 4)) (local.get $len))
            (then (return (local.get $at))))))
        (local.set $mask (i64.and (local.get $mask) (i64.sub (local.get $mask) (i64.const 1))))
        (br $candidate)))
    (i32.const -1))

  ;; the first position in [p, stop) where a needle starts and lies wholly before `end`, or -1
  (func $slow (param $p i32) (param $stop i32) (param $end i32) (result i32)
    (local $k i32) (local $needle i32) (local $len i32)
    (block $done
      (loop $position
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $k (i32.const 0))
        (block $next
          (loop $each
            (br_if $next (i32.ge_u (local.get $k) (i32.const 2)))
            (local.set $needle (i32.add (i32.const 64) (i32.shl (local.get $k) (i32.const 7))))
            (local.set $len (i32.load (local.get $needle)))
            (if (i32.le_u (i32.add (local.get $p) (local.get $len)) (local.get $end))
              (then (if (call $same (local.get $p) (i32.add (local.get $needle) (i32.const 4)) (local.get $len))
                (then (return (local.get $p))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $position)))
    (i32.const -1))

  ;; The first position >= from where needle 0 or needle 1 starts and lies wholly before `end`, or -1.
  ;; Both needles are at least 1 byte long (give the same needle twice to look for one).
  (func (export "find") (param $from i32) (param $end i32) (result i32)
    (local $p i32) (local $last i32) (local $hit i32) (local $other i32)
    (local $d0 i32) (local $d1 i32) (local $q0 i32) (local $q1 i32)
    (local $f0 v128) (local $l0 v128) (local $f1 v128) (local $l1 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $m0 i64) (local $m1 i64)
    (local $nl v128) (local $acc v128) (local $steps i32) (local $n i32)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $d0 (i32.sub (i32.load (i32.const 64)) (i32.const 1)))
    (local.set $d1 (i32.sub (i32.load (i32.const 192)) (i32.const 1)))
    (local.set $f0 (i8x16.splat (i32.load8_u (i32.const 68))))
    (local.set $l0 (i8x16.splat (i32.load8_u offset=68 (local.get $d0))))
    (local.set $f1 (i8x16.splat (i32.load8_u (i32.const 196))))
    (local.set $l1 (i8x16.splat (i32.load8_u offset=196 (local.get $d1))))
    (local.set $p (local.get $from))
    ;; steps whose loads (up to p + 63 + the longer needle's length - 1) stay before end
    (local.set $last (i32.sub (i32.sub (local.get $end) (i32.const 64))
      (select (local.get $d0) (local.get $d1) (i32.gt_u (local.get $d0) (local.get $d1)))))
    (block $steps
      (loop $step
        (br_if $steps (i32.gt_s (local.get $p) (local.get $last)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        (local.set $q0 (i32.add (local.get $p) (local.get $d0)))
        (local.set $q1 (i32.add (local.get $p) (local.get $d1)))
        (if (v128.any_true (v128.or
              (v128.or
                (v128.or
                  (v128.and (i8x16.eq (local.get $v0) (local.get $f0)) (i8x16.eq (v128.load (local.get $q0)) (local.get $l0)))
                  (v128.and (i8x16.eq (local.get $v1) (local.get $f0)) (i8x16.eq (v128.load offset=16 (local.get $q0)) (local.get $l0))))
                (v128.or
                  (v128.and (i8x16.eq (local.get $v2) (local.get $f0)) (i8x16.eq (v128.load offset=32 (local.get $q0)) (local.get $l0)))
                  (v128.and (i8x16.eq (local.get $v3) (local.get $f0)) (i8x16.eq (v128.load offset=48 (local.get $q0)) (local.get $l0)))))
              (v128.or
                (v128.or
                  (v128.and (i8x16.eq (local.get $v0) (local.get $f1)) (i8x16.eq (v128.load (local.get $q1)) (local.get $l1)))
                  (v128.and (i8x16.eq (local.get $v1) (local.get $f1)) (i8x16.eq (v128.load offset=16 (local.get $q1)) (local.get $l1))))
                (v128.or
                  (v128.and (i8x16.eq (local.get $v2) (local.get $f1)) (i8x16.eq (v128.load offset=32 (local.get $q1)) (local.get $l1)))
                  (v128.and (i8x16.eq (local.get $v3) (local.get $f1)) (i8x16.eq (v128.load offset=48 (local.get $q1)) (local.get $l1)))))))
          (then
            ;; rare (about one step in 50 on compute logs): which positions, and is a needle there
            (local.set $m0 (i64.or
              (i64.or
                (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v0) (local.get $f0)) (i8x16.eq (v128.load (local.get $q0)) (local.get $l0)))))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v1) (local.get $f0)) (i8x16.eq (v128.load offset=16 (local.get $q0)) (local.get $l0))))) (i64.const 16)))
              (i64.or
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v2) (local.get $f0)) (i8x16.eq (v128.load offset=32 (local.get $q0)) (local.get $l0))))) (i64.const 32))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v3) (local.get $f0)) (i8x16.eq (v128.load offset=48 (local.get $q0)) (local.get $l0))))) (i64.const 48)))))
            (local.set $m1 (i64.or
              (i64.or
                (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v0) (local.get $f1)) (i8x16.eq (v128.load (local.get $q1)) (local.get $l1)))))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v1) (local.get $f1)) (i8x16.eq (v128.load offset=16 (local.get $q1)) (local.get $l1))))) (i64.const 16)))
              (i64.or
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v2) (local.get $f1)) (i8x16.eq (v128.load offset=32 (local.get $q1)) (local.get $l1))))) (i64.const 32))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v3) (local.get $f1)) (i8x16.eq (v128.load offset=48 (local.get $q1)) (local.get $l1))))) (i64.const 48)))))
            (local.set $hit (call $verify (local.get $p) (local.get $end) (local.get $m0) (i32.const 64)))
            (local.set $other (call $verify (local.get $p) (local.get $end) (local.get $m1) (i32.const 192)))
            ;; the earlier of the two (-1 is the largest unsigned number)
            (if (i32.lt_u (local.get $other) (local.get $hit)) (then (local.set $hit (local.get $other))))
            (if (i32.ne (local.get $hit) (i32.const -1)) (then (return (local.get $hit))))))
        ;; newlines: each byte lane counts up to 4 a step, so the lanes are summed every 63 steps
        (local.set $acc (i8x16.sub (i8x16.sub (local.get $acc) (i8x16.eq (local.get $v0) (local.get $nl))) (i8x16.eq (local.get $v1) (local.get $nl))))
        (local.set $acc (i8x16.sub (i8x16.sub (local.get $acc) (i8x16.eq (local.get $v2) (local.get $nl))) (i8x16.eq (local.get $v3) (local.get $nl))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (if (i32.eq (local.get $steps) (i32.const 63)) (then
          (local.set $n (i32.add (local.get $n) (call $lanes (local.get $acc))))
          (local.set $acc (v128.const i64x2 0 0))
          (local.set $steps (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $step)))
    (global.set $lines (i32.add (i32.add (local.get $n) (call $lanes (local.get $acc))) (call $count (local.get $p) (local.get $end))))
    (call $slow (local.get $p) (local.get $end) (local.get $end)))

  ;; `find` for needle 0 alone, the same in slot 1 (half the compares a step: the request trace looks
  ;; for its id alone until it learns the instance's uuid).
  (func (export "find1") (param $from i32) (param $end i32) (result i32)
    (local $p i32) (local $last i32) (local $hit i32)
    (local $d0 i32) (local $q0 i32)
    (local $f0 v128) (local $l0 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $m0 i64)
    (local $nl v128) (local $acc v128) (local $steps i32) (local $n i32)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $d0 (i32.sub (i32.load (i32.const 64)) (i32.const 1)))
    (local.set $f0 (i8x16.splat (i32.load8_u (i32.const 68))))
    (local.set $l0 (i8x16.splat (i32.load8_u offset=68 (local.get $d0))))
    (local.set $p (local.get $from))
    ;; steps whose loads (up to p + 63 + the needle's length - 1) stay before end
    (local.set $last (i32.sub (i32.sub (local.get $end) (i32.const 64)) (local.get $d0)))
    (block $steps
      (loop $step
        (br_if $steps (i32.gt_s (local.get $p) (local.get $last)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        (local.set $q0 (i32.add (local.get $p) (local.get $d0)))
        (if (v128.any_true
              (v128.or
                (v128.or
                  (v128.and (i8x16.eq (local.get $v0) (local.get $f0)) (i8x16.eq (v128.load (local.get $q0)) (local.get $l0)))
                  (v128.and (i8x16.eq (local.get $v1) (local.get $f0)) (i8x16.eq (v128.load offset=16 (local.get $q0)) (local.get $l0))))
                (v128.or
                  (v128.and (i8x16.eq (local.get $v2) (local.get $f0)) (i8x16.eq (v128.load offset=32 (local.get $q0)) (local.get $l0)))
                  (v128.and (i8x16.eq (local.get $v3) (local.get $f0)) (i8x16.eq (v128.load offset=48 (local.get $q0)) (local.get $l0))))))
          (then
            ;; which positions, and is the needle there
            (local.set $m0 (i64.or
              (i64.or
                (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v0) (local.get $f0)) (i8x16.eq (v128.load (local.get $q0)) (local.get $l0)))))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v1) (local.get $f0)) (i8x16.eq (v128.load offset=16 (local.get $q0)) (local.get $l0))))) (i64.const 16)))
              (i64.or
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v2) (local.get $f0)) (i8x16.eq (v128.load offset=32 (local.get $q0)) (local.get $l0))))) (i64.const 32))
                (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.and (i8x16.eq (local.get $v3) (local.get $f0)) (i8x16.eq (v128.load offset=48 (local.get $q0)) (local.get $l0))))) (i64.const 48)))))
            (local.set $hit (call $verify (local.get $p) (local.get $end) (local.get $m0) (i32.const 64)))
            (if (i32.ne (local.get $hit) (i32.const -1)) (then (return (local.get $hit))))))
        ;; newlines: each byte lane counts up to 4 a step, so the lanes are summed every 63 steps
        (local.set $acc (i8x16.sub (i8x16.sub (local.get $acc) (i8x16.eq (local.get $v0) (local.get $nl))) (i8x16.eq (local.get $v1) (local.get $nl))))
        (local.set $acc (i8x16.sub (i8x16.sub (local.get $acc) (i8x16.eq (local.get $v2) (local.get $nl))) (i8x16.eq (local.get $v3) (local.get $nl))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (if (i32.eq (local.get $steps) (i32.const 63)) (then
          (local.set $n (i32.add (local.get $n) (call $lanes (local.get $acc))))
          (local.set $acc (v128.const i64x2 0 0))
          (local.set $steps (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $step)))
    (global.set $lines (i32.add (i32.add (local.get $n) (call $lanes (local.get $acc))) (call $count (local.get $p) (local.get $end))))
    (call $slow (local.get $p) (local.get $end) (local.get $end)))

  ;; the sum of the 16 byte lanes
  (func $lanes (param $v v128) (result i32)
    (local.set $v (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  ;; The number of newlines in [p, end): 16 bytes a step, counted in byte lanes for up to 255 steps
  ;; (a lane holds at most 255) and then summed.
  (func $count (export "count") (param $p i32) (param $end i32) (result i32)
    (local $n i32) (local $lanes v128) (local $steps i32)
    (block $blocks
      (loop $block
        (br_if $blocks (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $lanes (v128.const i64x2 0 0))
        (local.set $steps (i32.const 0))
        (block $full
          (loop $step
            (br_if $full (i32.ge_u (local.get $steps) (i32.const 255)))
            (br_if $full (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            ;; a newline's lane compares to -1: subtracting adds one
            (local.set $lanes (i8x16.sub (local.get $lanes) (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 10)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
            (br $step)))
        (local.set $n (i32.add (local.get $n) (call $lanes (local.get $lanes))))
        (br $block)))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10)) (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $byte)))
    (local.get $n))
)
