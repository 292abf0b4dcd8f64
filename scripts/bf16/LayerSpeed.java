import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * fp32 against bf16, layer by layer, forward + backward (gradients for the input and every weight).
 * DJL 0.36 cannot cast to bf16 (its dtype switch aborts the JVM, and its casts carry no gradient), so
 * both precisions run as methods of a TorchScript archive (make_kernels.py) called through
 * IValueUtils.forward; both sides channels-last, alternating fp32, bf16, fp32, bf16, ...
 * Usage: java -cp ... LayerSpeed.java DIR_WITH_kernels.pt [timed iterations, default 15] [threads, default 2]
 */
public class LayerSpeed {
    static final int WARMUP = 5;

    /** A weight ('w', He-scaled normal), BN gamma ('1') or a BN beta / bias ('0'). */
    record Param(char init, long... shape) {}

    record Layer(String label, String method, long[] x, Param... params) {}

    static long[] s(long... d) { return d; }

    static Param conv(long in, long out) { return new Param('w', out, in, 3, 3); }

    /** The weights of conv-BN layers through the given widths: conv weight, gamma, beta each. */
    static Param[] convBn(long... widths) {
        List<Param> p = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            p.add(conv(widths[i], widths[i + 1]));
            p.add(new Param('1', widths[i + 1]));
            p.add(new Param('0', widths[i + 1]));
        }
        return p.toArray(new Param[0]);
    }

    static List<Layer> layers() {
        return List.of(
                new Layer("small-cnn conv 1→32 @28×28, b128", "conv", s(128, 1, 28, 28), conv(1, 32)),
                new Layer("small-cnn conv 32→64 @14×14, b128", "conv", s(128, 32, 14, 14), conv(32, 64)),
                new Layer("small-cnn conv 64→128 @7×7, b128", "conv", s(128, 64, 7, 7), conv(64, 128)),
                new Layer("small-cnn feature stack, b128", "smallcnn", s(128, 1, 28, 28), convBn(1, 32, 64, 128)),
                new Layer("resnet32 conv 16→16 @32×32, b128", "conv", s(128, 16, 32, 32), conv(16, 16)),
                new Layer("resnet32 conv 32→32 @16×16, b128", "conv", s(128, 32, 16, 16), conv(32, 32)),
                new Layer("resnet32 conv 64→64 @8×8, b128", "conv", s(128, 64, 8, 8), conv(64, 64)),
                new Layer("resnet32 BasicBlock 16 @32×32, b128", "block", s(128, 16, 32, 32), convBn(16, 16, 16)),
                new Layer("resnet32 BasicBlock 32 @16×16, b128", "block", s(128, 32, 16, 16), convBn(32, 32, 32)),
                new Layer("resnet32 BasicBlock 64 @8×8, b128", "block", s(128, 64, 8, 8), convBn(64, 64, 64)),
                new Layer("conv 64→64 @56×56, b32", "conv", s(32, 64, 56, 56), conv(64, 64)),
                new Layer("conv 128→128 @28×28, b32", "conv", s(32, 128, 28, 28), conv(128, 128)),
                new Layer("linear 2048→1000, b256", "linear", s(256, 2048), new Param('w', 1000, 2048), new Param('0', 1000)));
    }

    static NDArray forward(PtSymbolBlock block, NDManager sub, String method, List<NDArray> inputs) {
        NDList in = new NDList(inputs);
        NDArray marker = sub.create(0f);
        marker.setName("module_method:" + method); // selects the TorchScript method; not passed on
        in.add(marker);
        return IValueUtils.forward(block, in, true).singletonOrThrow();
    }

    /** One training-like step of one method; returns {output, gradient of the first weight}. */
    static NDArray[] step(PtSymbolBlock block, NDManager sub, String method, List<NDArray> inputs, NDArray probe) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = forward(block, sub, method, inputs);
            // a fixed random projection, so that BN layers' weight gradients are not ~0
            gc.backward(out.mul(probe).sum());
            return new NDArray[] {out, inputs.get(1).getGradient()};
        }
    }

    /** A scope for one step: outputs and gradient handles land in the inputs' manager, so lend them. */
    static NDManager scope(NDManager m, List<NDArray> inputs) {
        NDManager sub = m.newSubManager();
        new NDList(inputs).tempAttach(sub);
        return sub;
    }

    static void zeroGradients(List<NDArray> inputs) {
        for (NDArray a : inputs) {
            NDArray g = a.getGradient();
            g.subi(g);
        }
    }

    static float relDiff(NDArray bf16, NDArray fp32) {
        return bf16.sub(fp32).abs().max().getFloat() / fp32.abs().max().getFloat();
    }

    static double median(long[] ns) {
        long[] t = ns.clone();
        Arrays.sort(t);
        return (t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2.0) / 1e6;
    }

    public static void main(String[] args) throws Exception {
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Engine.getInstance().setRandomSeed(0);
        JniUtils.setNumThreads(threads);
        Model model = Model.newInstance("kernels", Device.cpu(), "PyTorch");
        model.load(Paths.get(args[0]), "kernels", Map.of("trainParam", "true"));
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        NDManager root = model.getNDManager();
        System.out.printf("threads %d, %d warm-up + %d timed iterations per side, alternating fp32/bf16%n",
                JniUtils.getNumThreads(), WARMUP, timed);
        System.out.println("| layer (fwd + bwd) | fp32 ms | bf16 ms | fp32/bf16 | fp32 range (min–max) | bf16 range (min–max) | out rel diff | weight-grad rel diff |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Layer layer : layers()) {
            try (NDManager m = root.newSubManager()) {
                List<NDArray> inputs = new ArrayList<>();
                inputs.add(m.randomNormal(new Shape(layer.x())));
                for (Param p : layer.params()) {
                    Shape shape = new Shape(p.shape());
                    float std = (float) Math.sqrt(2.0 * p.shape()[0] / shape.size()); // He: 2 / fan-in
                    inputs.add(p.init() == 'w' ? m.randomNormal(0f, std, shape, DataType.FLOAT32)
                            : p.init() == '1' ? m.ones(shape) : m.zeros(shape));
                }
                String f32 = layer.method() + "_f32", bf16 = layer.method() + "_bf16";
                NDArray probe;
                try (NDManager sub = scope(m, inputs)) {
                    probe = m.randomNormal(forward(block, sub, f32, inputs).getShape());
                }
                for (NDArray a : inputs) a.setRequiresGradient(true);

                // numerics: one step each from zero gradients, bf16 against fp32
                float outDiff, gradDiff;
                try (NDManager sub = scope(m, inputs)) {
                    NDArray[] ref = step(block, sub, f32, inputs, probe);
                    NDArray refOut = ref[0].duplicate(), refGrad = ref[1].duplicate();
                    zeroGradients(inputs);
                    NDArray[] got = step(block, sub, bf16, inputs, probe);
                    outDiff = relDiff(got[0], refOut);
                    gradDiff = relDiff(got[1], refGrad);
                }

                long[][] ns = new long[2][timed];
                for (int i = 0; i < WARMUP + timed; i++) {
                    for (int side = 0; side < 2; side++) {
                        try (NDManager sub = scope(m, inputs)) {
                            zeroGradients(inputs);
                            long t0 = System.nanoTime();
                            step(block, sub, side == 0 ? f32 : bf16, inputs, probe);
                            long dt = System.nanoTime() - t0;
                            if (i >= WARMUP) ns[side][i - WARMUP] = dt;
                        }
                    }
                }
                double a = median(ns[0]), b = median(ns[1]);
                System.out.printf("| %s | %.2f | %.2f | %.2f× | %.1f–%.1f | %.1f–%.1f | %.1e | %.1e |%n",
                        layer.label(), a, b, a / b,
                        Arrays.stream(ns[0]).min().getAsLong() / 1e6, Arrays.stream(ns[0]).max().getAsLong() / 1e6,
                        Arrays.stream(ns[1]).min().getAsLong() / 1e6, Arrays.stream(ns[1]).max().getAsLong() / 1e6,
                        outDiff, gradDiff);
            }
        }
    }
}
