/*
 * A fake libnvidia-ml.so.1 for tests: the NVML functions the GPU collector binds, with the signatures of
 * nvml.h, answering fixed figures for two GPUs. Energy and NVLink counters grow by a fixed step per read.
 */
#include <string.h>

typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } nvmlMemory_t;
typedef struct {
    unsigned int fieldId; unsigned int scopeId; long long timestamp; long long latencyUsec;
    int valueType; int nvmlReturn; unsigned long long value;
} nvmlFieldValue_t;
typedef void *nvmlDevice_t;

static int initialized;
static unsigned long long energy[2];
static unsigned long long nvlink[2][2];

static int index_of(nvmlDevice_t d) { return (int) ((long) d - 1); }

int nvmlInit_v2(void) { initialized = 1; return 0; }
int nvmlShutdown(void) { initialized = 0; return 0; }
int nvmlDeviceGetCount_v2(unsigned int *n) { if (!initialized) return 1; *n = 2; return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned int i, nvmlDevice_t *d) {
    if (i >= 2) return 2;
    *d = (nvmlDevice_t) (long) (i + 1);
    return 0;
}
int nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int len) {
    strncpy(name, "NVIDIA H200", len);
    return 0;
}
int nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int len) {
    strncpy(uuid, index_of(d) == 0 ? "GPU-00000000-0000-0000-0000-000000000000"
                                   : "GPU-11111111-1111-1111-1111-111111111111", len);
    return 0;
}
int nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    u->gpu = 40 + 10 * index_of(d);
    u->memory = 25;
    return 0;
}
int nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *m) {
    m->total = 150754820096ULL;            /* 143771 MiB */
    m->used = 10737418240ULL;              /* 10240 MiB */
    m->free = m->total - m->used;
    return 0;
}
int nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) { *mw = 250500; return 0; }
int nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) {
    energy[index_of(d)] += 1000;
    *mj = energy[index_of(d)];
    return 0;
}
int nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *t) {
    if (sensor != 0) return 2;
    *t = 61;
    return 0;
}
int nvmlDeviceGetPcieThroughput(nvmlDevice_t d, int counter, unsigned int *kbs) {
    if (index_of(d) == 1) return 3; /* NVML_ERROR_NOT_SUPPORTED */
    *kbs = counter == 0 ? 2048 : 4096;
    return 0;
}
int nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *values) {
    for (int i = 0; i < count; i++) {
        nvmlFieldValue_t *v = &values[i];
        if (v->fieldId == 138 || v->fieldId == 139) {
            unsigned long long *c = &nvlink[index_of(d)][v->fieldId - 138];
            *c += 1024 * (v->fieldId == 138 ? 1 : 2); /* KiB per read */
            v->valueType = 3; /* NVML_VALUE_TYPE_UNSIGNED_LONG_LONG */
            v->nvmlReturn = 0;
            v->value = *c;
        } else {
            v->nvmlReturn = 3;
        }
    }
    return 0;
}
