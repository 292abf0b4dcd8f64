package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReadingTest {

    @TempDir Path dir;

    @Test
    void decodingImageAfterImageOnOneThreadGivesWhatAFreshDecodeGives() throws Exception {
        List<Path> files = new ArrayList<>();
        Random random = new Random(7);
        files.add(write("rgb-a.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 6, 6, random)));
        files.add(write("rgb-b.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 6, 6, random)));
        Path broken = Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x01, 7, 7, 7});
        files.add(broken); // a JPEG reader fails on it midway: the next image must not suffer
        files.add(write("gray.png", noise(BufferedImage.TYPE_BYTE_GRAY, 6, 6, random)));
        files.add(write("gray.jpg", noise(BufferedImage.TYPE_BYTE_GRAY, 6, 6, random)));
        files.add(write("palette-a.png", paletted(6, 6, 0x00ff0000, 0x000000ff)));
        files.add(write("palette-b.png", paletted(6, 6, 0x0000ff00, 0x00ffff00))); // same size and layout, other colours
        files.add(write("argb.png", noise(BufferedImage.TYPE_INT_ARGB, 6, 6, random)));
        files.add(write("rgb-large.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 9, 7, random))); // resized
        files.add(write("rgb-c.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 6, 6, random)));
        ImageDecoder decoder = new ImageDecoder(6);
        for (int round = 0; round < 2; round++) {
            for (Path file : files) {
                if (file.equals(broken)) {
                    assertThrows(BadDataException.class, () -> decoder.decodeInto(broken, new byte[3 * 6 * 6], 0));
                    continue;
                }
                byte[] decoded = new byte[3 * 6 * 6];
                decoder.decodeInto(file, decoded, 0);
                byte[] fresh = new byte[decoded.length]; // as ImageIO.read, one reader and one image per file
                ImageDecoder.rgbInto(ImageFactory.getInstance().fromFile(file), 6, 6, fresh, 0);
                assertArrayEquals(fresh, decoded, file.getFileName().toString());
            }
        }
    }

    @Test
    void aThreadDecodesIntoItsLastImageOnlyWhenAskedTo() throws Exception {
        Random random = new Random(8);
        Path a = write("a.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 8, 8, random));
        Path b = write("b.jpg", noise(BufferedImage.TYPE_3BYTE_BGR, 8, 8, random));
        ImageReading reading = ImageReading.ofThisThread();
        BufferedImage first = reading.read(a, ImageDecoder.MAX_PIXELS, true);
        assertSame(first, reading.read(b, ImageDecoder.MAX_PIXELS, true));
        assertNotSame(first, reading.read(a, ImageDecoder.MAX_PIXELS, false));
    }

    private Path write(String name, BufferedImage image) throws Exception {
        Path file = dir.resolve(name);
        if (!ImageIO.write(image, name.substring(name.indexOf('.') + 1), file.toFile())) {
            throw new IllegalStateException("no writer for " + name);
        }
        return file;
    }

    private static BufferedImage noise(int type, int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    /** Left half the first colour, right half the second, in a two-colour palette. */
    private static BufferedImage paletted(int width, int height, int first, int second) {
        byte[][] rgb = new byte[3][2];
        for (int c = 0; c < 3; c++) {
            rgb[c][0] = (byte) (first >> (16 - 8 * c));
            rgb[c][1] = (byte) (second >> (16 - 8 * c));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, rgb[0], rgb[1], rgb[2]));
        for (int y = 0; y < height; y++) {
            for (int x = width / 2; x < width; x++) {
                image.getRaster().setSample(x, y, 0, 1);
            }
        }
        return image;
    }
}
