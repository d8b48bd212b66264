package kit

import "fmt"

// MsgOnlyAdmin refuses an admin's command to a coordinator. The router
// says it, and so does a flow of the admin's that ends after its user
// stopped being an admin.
const MsgOnlyAdmin = "Maaf, perintah ini hanya untuk admin Dinas Sosial."

// MsgNoLongerCoord answers a decision the store refused because the one
// who made it stopped being a coordinator while writing it.
const MsgNoLongerCoord = "Maaf, Bapak/Ibu tidak lagi menjadi koordinator, jadi keputusan ini tidak disimpan."

// MsgOutOfScope refuses a coordinator's look at, or decision on, a
// volunteer or report outside the area they work in: the same answer
// whether the number was typed or the button forged.
const MsgOutOfScope = "Maaf, data ini di luar wilayah kerja Bapak/Ibu."

// noName stands for a person the bot knows only by their Telegram id.
const noName = "ID %d"

// NameOrID is how the bot calls a coordinator or reviewer: by name, or
// "ID 123456789" when it was given only their id. It is plain text;
// escape it for HTML.
func NameOrID(id int64, name string) string {
	if name == "" {
		return fmt.Sprintf(noName, id)
	}
	return name
}
