package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// Photo is a demo picture under the file_id that the seeded reports
// store. The playground registers each with its fake Bot API at every
// start, so the bot can send them again and the page can show them.
type Photo struct {
	FileID string
	Data   []byte // JPEG
}

// scene is the look of one demo picture: sky, ground, a shelter and a
// few people, in colours that tell the pictures apart.
type scene struct {
	sky, ground, roof color.RGBA
	people            int
}

var scenes = []scene{
	{color.RGBA{135, 190, 235, 255}, color.RGBA{120, 170, 90, 255}, color.RGBA{200, 60, 50, 255}, 3},   // a home visit
	{color.RGBA{170, 180, 190, 255}, color.RGBA{110, 120, 130, 255}, color.RGBA{240, 140, 30, 255}, 5}, // a flood, Tagana's tent
	{color.RGBA{250, 200, 140, 255}, color.RGBA{190, 160, 110, 255}, color.RGBA{40, 110, 180, 255}, 6}, // aid delivery
	{color.RGBA{150, 210, 230, 255}, color.RGBA{90, 150, 80, 255}, color.RGBA{120, 60, 140, 255}, 8},   // a meeting
	{color.RGBA{120, 170, 220, 255}, color.RGBA{200, 190, 160, 255}, color.RGBA{30, 140, 90, 255}, 4},  // elderly exercise
	{color.RGBA{240, 220, 180, 255}, color.RGBA{160, 120, 80, 255}, color.RGBA{210, 40, 90, 255}, 2},   // a children's home
}

// photoCount is how many demo photos there are: enough for every photo
// of every seeded report to be its own, as in a real month, so that the
// reviewers' "Foto ini pernah dipakai" flag shows only on the one report
// that recycles a photo on purpose (recycledReport).
const photoCount = 3 * maxReports

// pictures is how many different images the photos are drawn from: as
// many pixels as six 640×480 scenes, because the playground draws and
// encodes them at every start (slow under -race). Photos share an image
// but never a file_unique_id, which is what the flag compares.
const pictures = 24

// Photos returns the demo photos, the same bytes and ids every time.
// Picture i is scene i%6 with its own crowd and sun.
func Photos() []Photo {
	data := make([][]byte, pictures)
	for i := range data {
		sc := scenes[i%len(scenes)]
		sc.people = 2 + (sc.people+i/len(scenes))%7
		var buf bytes.Buffer
		_ = jpeg.Encode(&buf, sc.draw(320, 240, i/len(scenes)), &jpeg.Options{Quality: 75})
		data[i] = buf.Bytes()
	}
	out := make([]Photo, photoCount)
	for i := range out {
		out[i] = Photo{FileID: photoID(i), Data: data[i%pictures]}
	}
	return out
}

// photoID is the file_id of demo picture i, shaped like Telegram's.
func photoID(i int) string { return fmt.Sprintf("AgACAgUAAxkBAAIDemoFoto%03d", i+1) }

// reportPhotoID is the file_id of photo k of report n: its own picture,
// except that report recycledReport reuses the first photo of report 1,
// the commonest false report, for reviewers to see flagged.
func reportPhotoID(n, k int) string {
	if n == recycledReport && k == 0 {
		return photoID(3)
	}
	return photoID((n*3 + k) % photoCount)
}

// draw paints the scene; variant moves the sun so pictures of one scene
// differ.
func (s scene) draw(w, h, variant int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	horizon := h * 3 / 5
	for y := 0; y < h; y++ {
		c := s.ground
		if y < horizon {
			c = shade(s.sky, 1-0.35*float64(y)/float64(horizon))
		}
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	// A shelter: walls and a roof.
	fill(img, w/8, horizon-h/5, w/8+w/3, horizon+h/20, color.RGBA{235, 230, 215, 255})
	for y := 0; y < h/8; y++ {
		inset := y * (w / 6) / (h / 8)
		fill(img, w/8-w/30+(w/6-inset), horizon-h/5-y, w/8+w/3+w/30-(w/6-inset), horizon-h/5-y+1, s.roof)
	}
	// People in a row, heads and bodies.
	for i := 0; i < s.people; i++ {
		x := w/2 + i*(w/2-40)/max(s.people, 1)
		body := color.RGBA{uint8(60 + 30*i%190), uint8(90 + 50*i%150), uint8(150 - 20*i%120), 255}
		fill(img, x, horizon-10, x+22, horizon+60, body)
		disc(img, x+11, horizon-24, 13, color.RGBA{205, 160, 120, 255})
	}
	disc(img, w-w/9-(variant*w/7)%(w/2), h/8, h/16, color.RGBA{255, 235, 120, 255}) // the sun
	return img
}

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	for y := max(y0, 0); y < y1 && y < img.Rect.Dy(); y++ {
		for x := max(x0, 0); x < x1 && x < img.Rect.Dx(); x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

func disc(img *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r {
				img.SetRGBA(cx+x, cy+y, c)
			}
		}
	}
}

func shade(c color.RGBA, f float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), 255}
}
