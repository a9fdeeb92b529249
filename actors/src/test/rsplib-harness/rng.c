/* Deterministic replacement of rsplib's randomizer for the reference harness: java.util.SplittableRandom's
   generator (SplitMix64 with the golden gamma), so a Java test with new SplittableRandom(seed) draws the same
   64-bit values as random64() here. */
#include <stdint.h>
static uint64_t state = 0;
static const uint64_t GAMMA = 0x9e3779b97f4a7c15ULL;
void rngSeed(uint64_t seed) { state = seed; }
uint64_t random64() {
   uint64_t z = (state += GAMMA);
   z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
   z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
   return z ^ (z >> 31);
}
uint32_t random32() { return (uint32_t)(random64() >> 32); }
uint16_t random16() { return (uint16_t)(random64() >> 48); }
uint8_t random8() { return (uint8_t)(random64() >> 56); }
double randomDouble() { return (double)(random64() >> 11) * 0x1.0p-53; }
