import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Writes a long-tailed image folder for the streaming benchmark (run as a single-file program):
 * {@code java scripts/GenerateImageFolder.java OUT TRAIN_IMAGES CLASSES SIZE RHO TEST_PER_CLASS}.
 * OUT/train/cNNN/ holds n_i = floor(n_max * rho^(-i/(C-1))) JPEGs of class i (n_max chosen so that
 * they add up to TRAIN_IMAGES; class 0 takes the rounding remainder), OUT/test/cNNN/ TEST_PER_CLASS
 * each. An image is its class's hue with a brighter square at a seeded random place and seeded
 * noise: something to learn, and JPEGs of a realistic size. Files are a function of their class
 * and number only, so a run cut short and started again completes the same folder.
 */
public final class GenerateImageFolder {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int classes = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        double rho = Double.parseDouble(args[4]);
        int testPerClass = Integer.parseInt(args[5]);
        int[] counts = counts(total, classes, rho);
        for (int c = 0; c < classes; c++) {
            int cls = c;
            int images = counts[c] + testPerClass;
            IntStream.range(0, images).parallel().forEach(i -> write(out, cls, classes, i, i < counts[cls], size));
        }
        System.out.println("wrote " + total + " training images (" + counts[0] + " to " + counts[classes - 1]
                + " a class) and " + classes * testPerClass + " test images in " + out);
    }

    /** Exponential long-tail counts adding up to {@code total}. */
    static int[] counts(int total, int classes, double rho) {
        int[] counts = new int[classes];
        for (int nMax = 1; ; nMax++) {
            long sum = 0;
            for (int c = 0; c < classes; c++) {
                counts[c] = (int) Math.floor(nMax * Math.pow(rho, -c / (double) (classes - 1)));
                sum += counts[c];
            }
            if (sum >= total) {
                counts[0] -= (int) (sum - total);
                return counts;
            }
        }
    }

    static void write(Path out, int cls, int classes, int index, boolean train, int size) {
        Path file = out.resolve(train ? "train" : "test").resolve(String.format("c%03d", cls)).resolve(String.format("%05d.jpg", index));
        if (Files.exists(file)) {
            return;
        }
        Random random = new Random(cls * 1_000_003L + index);
        int hue = Color.HSBtoRGB(cls / (float) classes, 0.7f, 0.6f);
        int square = size / 4 + random.nextInt(size / 4);
        int top = random.nextInt(size - square);
        int left = random.nextInt(size - square);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inside = y >= top && y < top + square && x >= left && x < left + square;
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int v = (hue >> shift & 0xff) + (inside ? 80 : 0) + random.nextInt(41) - 20;
                    rgb |= Math.max(0, Math.min(255, v)) << shift;
                }
                image.setRGB(x, y, rgb);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling("." + file.getFileName() + ".part"); // hidden: never read as an image
            ImageIO.write(image, "jpg", partial.toFile());
            Files.move(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
