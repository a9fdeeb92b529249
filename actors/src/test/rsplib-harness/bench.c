/* Times rsplib's own handlespace (default red-black tree build) with the operations of
   HandlespaceBenchmark, on this machine, so both are measured under the same conditions:
   one pool of N least-used (or round-robin, random) pool elements, loads in 1 % steps.
   Usage: bench N   (prints ops/s per operation; see README.md). */
#include "poolhandlespacemanagement.h"
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#define HS(x) x##_SimpleRedBlackTree
extern void rngSeed(uint64_t);
extern uint64_t random64();

static struct PoolHandle ph;
static struct TransportAddressBlock* user[1 << 18];
static struct TransportAddressBlock* asap[1 << 18];

static double now() {
   struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static struct TransportAddressBlock* block(int port, unsigned int i) {
   union sockaddr_union a;
   memset(&a, 0, sizeof(a));
   a.in.sin_family = AF_INET;
   a.in.sin_addr.s_addr = htonl(0x0a000000 | (i & 0xffffff));
   a.in.sin_port = htons(port);
   struct TransportAddressBlock* t = malloc(transportAddressBlockGetSize(1));
   transportAddressBlockNew(t, IPPROTO_SCTP, port, 0, &a, 1, 1);
   return t;
}

static unsigned int frac(double f) { return (unsigned int)rint(f * (double)0xffffffffU); }
static unsigned int loads[1 << 18];

/* A load in 1 % steps that differs from the pool element's current one, so every update re-links. */
static unsigned int newLoad(int i) {
   unsigned int l;
   do { l = frac((random64() % 101) / 100.0); } while(l == loads[i]);
   loads[i] = l;
   return l;
}

static unsigned int reg(struct HS(PoolHandlespaceManagement)* hs, unsigned int id, unsigned int slot, unsigned int type, unsigned int load) {
   struct PoolPolicySettings pps;
   struct HS(PoolElementNode)* pe;
   poolPolicySettingsNew(&pps);
   pps.PolicyType = type;
   pps.Load = load;
   return HS(poolHandlespaceManagementRegisterPoolElement)(hs, &ph, 0x1234abcd, id, 300000, &pps, user[slot], asap[slot], -1, 0, 1, &pe);
}

static void fill(struct HS(PoolHandlespaceManagement)* hs, unsigned int* ids, int n, unsigned int type) {
   HS(poolHandlespaceManagementNew)(hs, 0x1234abcd, NULL, NULL, NULL);
   for(int i = 0; i < n; i++) {
      ids[i] = (unsigned int)random64() | 1;
      while(HS(poolHandlespaceManagementFindPoolElement)(hs, &ph, ids[i])) ids[i] = (unsigned int)random64() | 1;
      loads[i] = 0xffffffffU;
      reg(hs, ids[i], i, type, type == 0x40000001 ? newLoad(i) : 0);
   }
}

int main(int argc, char** argv) {
   const int n = argc > 1 ? atoi(argv[1]) : 100000;
   const double duration = argc > 2 ? atof(argv[2]) : 3.0;
   static unsigned int ids[1 << 18];
   struct HS(PoolElementNode)* out[8];
   size_t got;
   rngSeed(n);
   poolHandleNew(&ph, (const unsigned char*)"CalcAppPool", 11);
   for(int i = 0; i < (1 << 18); i++) { user[i] = block(1024, i); asap[i] = block(3863, i); }

   const unsigned int types[3] = { 0x40000001, 0x1, 0x3 };
   const char* names[3] = { "LeastUsed", "RoundRobin", "Random" };
   for(int t = 0; t < 3; t++) {
      struct HS(PoolHandlespaceManagement) hs;
      fill(&hs, ids, n, types[t]);
      long ops = 0; double t0 = now();
      do { for(int k = 0; k < 1000; k++) HS(poolHandlespaceManagementHandleResolution)(&hs, &ph, out, &got, 3, 0); ops += 1000; } while(now() - t0 < duration);
      printf("n=%d handle resolution 3 items %-10s %12.0f ops/s\n", n, names[t], ops / (now() - t0));
      if(types[t] == 0x40000001) {
         ops = 0; t0 = now();
         do { for(int k = 0; k < 1000; k++) { int i = random64() % n; reg(&hs, ids[i], i, types[t], newLoad(i)); } ops += 1000; } while(now() - t0 < duration);
         printf("n=%d load update (re-registration, LU)      %12.0f ops/s\n", n, ops / (now() - t0));
         ops = 0; t0 = now();
         do { for(int k = 0; k < 1000; k++) { int i = random64() % n; reg(&hs, ids[i], i, types[t], newLoad(i));
                                              HS(poolHandlespaceManagementHandleResolution)(&hs, &ph, out, &got, 3, 0); } ops += 2000; } while(now() - t0 < duration);
         printf("n=%d 1:1 mix load update + LU resolution    %12.0f ops/s\n", n, ops / (now() - t0));
      }
      if(types[t] == 0x1) {
         /* New registrations in batches of up to 1000 (at most 1/10 of the pool), each batch then deregistered. */
         const int batch = n / 10 < 1 ? 1 : (n / 10 > 1000 ? 1000 : n / 10);
         double regTime = 0, deregTime = 0; long regs = 0;
         t0 = now();
         do {
            unsigned int fresh[1000];
            double a = now();
            for(int k = 0; k < batch; k++) { fresh[k] = ((unsigned int)random64() & ~1U) | 2; reg(&hs, fresh[k], n + k, types[t], 0); }
            double b = now();
            for(int k = 0; k < batch; k++) HS(poolHandlespaceManagementDeregisterPoolElement)(&hs, &ph, fresh[k]);
            double c = now();
            regTime += b - a; deregTime += c - b; regs += batch;
         } while(now() - t0 < 2 * duration);
         printf("n=%d registration of new pool elements      %12.0f ops/s\n", n, regs / regTime);
         printf("n=%d deregistration                         %12.0f ops/s\n", n, regs / deregTime);
      }
   }
   return 0;
}
