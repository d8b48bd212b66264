package kit

import "fmt"

// MsgOnlyAdmin refuses an admin's command to a coordinator. The router
// says it, and so does a flow of the admin's that ends after its user
// stopped being an admin.
const MsgOnlyAdmin = "Maaf, perintah ini hanya untuk admin Dinas Sosial."

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
