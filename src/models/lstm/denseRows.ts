/**
 * The dense pre-activations of a gated layer over one step: z[m] = bias[biasAt + m] +
 * Σ_j kernel[kernelAt + m · inDim + j] · input[inputAt + j] for m < rows, the kernel stored row by
 * row (one row per gate unit). Four rows at a time, so each input is read once per four products:
 * shared by the trainer (oneStepNetwork.ts) and the forecasting forward pass (forwardPass.ts).
 */
export function denseRows(
  z: Float64Array,
  rows: number,
  bias: ArrayLike<number>,
  biasAt: number,
  kernel: ArrayLike<number>,
  kernelAt: number,
  input: ArrayLike<number>,
  inputAt: number,
  inDim: number
): void {
  let m = 0;
  for (; m + 3 < rows; m += 4) {
    const r0 = kernelAt + m * inDim;
    const r1 = r0 + inDim;
    const r2 = r1 + inDim;
    const r3 = r2 + inDim;
    let s0 = bias[biasAt + m];
    let s1 = bias[biasAt + m + 1];
    let s2 = bias[biasAt + m + 2];
    let s3 = bias[biasAt + m + 3];
    for (let j = 0; j < inDim; j++) {
      const xj = input[inputAt + j];
      s0 += xj * kernel[r0 + j];
      s1 += xj * kernel[r1 + j];
      s2 += xj * kernel[r2 + j];
      s3 += xj * kernel[r3 + j];
    }
    z[m] = s0;
    z[m + 1] = s1;
    z[m + 2] = s2;
    z[m + 3] = s3;
  }
  for (; m < rows; m++) {
    let s = bias[biasAt + m];
    const r = kernelAt + m * inDim;
    for (let j = 0; j < inDim; j++) {
      s += input[inputAt + j] * kernel[r + j];
    }
    z[m] = s;
  }
}
