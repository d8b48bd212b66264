package kit

// The words every room may say, in one place so that an Indonesian speaker
// can review them without reading code. Each capability keeps its own
// texts in its own messages.go. Texts are HTML: values filled in with %s
// must be escaped by the caller.
const (
	MsgSystemDown    = "Maaf, sistem sedang gangguan, silakan coba lagi sebentar lagi."
	MsgButtonExpired = "Tombol ini sudah tidak berlaku."
	MsgNotRegistered = "Bapak/Ibu belum terdaftar. Ketik /daftar untuk mendaftar."
	// MsgShownErased replaces a message to a coordinator that showed a
	// volunteer who has since erased their data.
	MsgShownErased = "🗑 Data pribadi pada pesan ini sudah dihapus atas permintaan pemiliknya."
)

// MsgPilarChoice answers a pilar type that is not one of the buttons.
const MsgPilarChoice = "Jenis pilar tidak ada dalam pilihan. Silakan pilih pada tombol, misalnya PSM atau Tagana."
